#!/bin/sh
# Finishes the root file system mmdebstrap made: the service's user and groups, units, the
# read-only layout, RAUC's configuration. Runs on the build host: customize.sh <root> <arch> <version>
set -eu
root=$1
arch=$2
version=$3

in_root() { chroot "$root" "$@"; }

for group in i2c gpio dahdi watchdog; do
    in_root getent group "$group" > /dev/null || in_root groupadd --system "$group"
done
in_root getent passwd sparklecc > /dev/null || in_root useradd --system --user-group \
    --home-dir /var/lib/sparklecc/service --no-create-home --shell /usr/sbin/nologin sparklecc
in_root usermod -a -G dialout,i2c,gpio,dahdi,watchdog sparklecc

in_root systemctl enable sparklecc.service sparklecc-firstboot.service sparklecc-mark-good.service sparklecc-slots.service \
    sparklecc-system-settings.path \
    systemd-networkd.service systemd-resolved.service systemd-timesyncd.service ssh.service
in_root systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_reap.service 2> /dev/null || true

# Network settings written by the panel and the web page live on the data partition.
rm -rf "$root/etc/systemd/network"
ln -s /var/lib/sparklecc/network "$root/etc/systemd/network"
# So are the NTP servers: timesyncd reads drop-ins from /etc/systemd/timesyncd.conf.d (timesyncd.conf(5)).
rm -rf "$root/etc/systemd/timesyncd.conf.d"
ln -s /var/lib/sparklecc/network/timesyncd.conf.d "$root/etc/systemd/timesyncd.conf.d"
mkdir -p "$root/var/lib/sparklecc" "$root/boot/efi"

# The journal stays in memory: the flash of a call-center box is for recordings, not logs.
mkdir -p "$root/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\nRuntimeMaxUse=64M\n' > "$root/etc/systemd/journald.conf.d/sparklecc.conf"

# An empty machine-id on a read-only root makes systemd use a fresh one in memory each boot.
: > "$root/etc/machine-id"
ln -sf ../run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"

sed "s/@COMPATIBLE@/sparklecc-$arch/" "$root/etc/rauc/system.conf.in" > "$root/etc/rauc/system.conf"
rm "$root/etc/rauc/system.conf.in"

kernel=$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$root"/boot/initrd.img-* | sort -V | tail -n 1)
ln -sf "$(basename "$kernel")" "$root/boot/vmlinuz"
ln -sf "$(basename "$initrd")" "$root/boot/initrd.img"

cat > "$root/etc/sparklecc/release" <<REL
SPARKLECC_VERSION=$version
SPARKLECC_ARCH=$arch
REL
echo "sparklecc" > "$root/etc/hostname"
rm -rf "$root/var/lib/apt/lists"/* "$root/var/cache/apt"/*.bin

# A call-center box has no display, sound card, camera, Wi-Fi or InfiniBand: their kernel
# modules are a third of the root file system.
for modules in "$root"/usr/lib/modules/*; do
    kernel=$(basename "$modules")
    for unused in drivers/gpu drivers/media drivers/infiniband drivers/staging drivers/iio \
        drivers/net/wireless net/wireless net/mac80211 net/bluetooth drivers/bluetooth sound; do
        rm -rf "$modules/kernel/$unused"
    done
    in_root depmod -a "$kernel"
done
