#!/usr/bin/env bash
# Checks the x64 root file system the way the box runs it, without booting it: the slot mounted
# read-only with the data partition and memory file systems beside it, the boot-time units verified,
# the first-boot script run, the service started as its unit starts it (user sparklecc, the image's
# own settings) and asked over SIP and HTTPS, and the image's RAUC keyring tried on a bundle signed
# by the build's key and on one signed by a stranger. The test command runs this; the full boot with
# update and rollback is image/test-boot.sh under qemu, which takes too long for every CI run.
#
#   image/test-rootfs.sh [root file system]     default: out/image/work-x64/rootfs (image/build.sh x64)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=image/scripts/common.sh
. "$root/image/scripts/common.sh"
require_tools chroot unshare mount umount python3 rauc openssl mksquashfs

rootfs=$(readlink -f "${1:-out/image/work-x64/rootfs}")
[ -x "$rootfs/opt/sparklecc/sparklecc" ] || fail "no root file system at $rootfs: run image/build.sh x64 first"
work=$(mktemp -d /tmp/sparklecc-rootfs.XXXXXX)
slot="$work/slot"
service_pid=""
cleanup() {
    [ -n "$service_pid" ] && kill "$service_pid" 2> /dev/null || true
    umount -R -l "$slot" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

log "mounting $rootfs read-only as the box does"
mkdir -p "$slot" "$work/data"
mount --bind "$rootfs" "$slot"
mount -o remount,bind,ro "$slot"
mount --bind "$work/data" "$slot/var/lib/sparklecc"
mount -t proc proc "$slot/proc"
mount -t sysfs sysfs "$slot/sys"
mount --rbind /dev "$slot/dev"
mount -t tmpfs tmpfs "$slot/tmp"
mount -t tmpfs tmpfs "$slot/run"

log "verifying the units"
units="sparklecc.service sparklecc-firstboot.service sparklecc-mark-good.service sparklecc-slots.service
    sparklecc-system-settings.path"
for unit in $units; do
    chroot "$slot" systemctl is-enabled --quiet "$unit" || fail "$unit is not enabled in the image"
done
# shellcheck disable=SC2086
if ! chroot "$slot" systemd-analyze verify --man=no $units > "$work/verify.log" 2>&1; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify found errors in the units"
fi

log "running the first-boot script"
# In its own UTS namespace: the script sets the host name, which must stay the box's, not ours.
unshare --uts chroot "$slot" /usr/lib/sparklecc/firstboot.sh > "$work/firstboot.log" 2>&1 \
    || { cat "$work/firstboot.log" >&2; fail "the first-boot script failed"; }
serial=$(cat "$work/data/serial")
[[ "$serial" =~ ^SCC-[A-Za-z0-9]+$ ]] || fail "the first-boot serial '$serial' is not SCC-<digits>"
[ -s "$work/data/ssh/ssh_host_ed25519_key" ] || fail "the first boot made no SSH host key on the data partition"
[ "$(stat -c %u "$work/data/service")" = "$(chroot "$slot" id -u sparklecc)" ] \
    || fail "the service's data folder does not belong to the service's user"

# A host name saved on the web page (network/hostname) is the one the box takes; a bad one is not.
named=$(unshare --uts chroot "$slot" sh -c \
    'echo front-desk > /var/lib/sparklecc/network/hostname && /usr/lib/sparklecc/system-settings.sh boot && hostname')
[ "$named" = front-desk ] || fail "the host name saved in network/hostname was not taken at boot ('$named')"
named=$(unshare --uts chroot "$slot" sh -c \
    'echo front_desk > /var/lib/sparklecc/network/hostname && /usr/lib/sparklecc/system-settings.sh boot && hostname')
[ "$named" = "$(cat "$work/data/hostname")" ] || fail "a bad saved host name was taken at boot ('$named')"
rm "$work/data/network/hostname"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sip_port=$(free_port)
web_port=$(free_port)
http_port=$(free_port)
log "starting the service as its unit does (SIP $sip_port, HTTPS $web_port)"
exec_start=$(sed -n 's/^ExecStart=//p' "$slot/etc/systemd/system/sparklecc.service")
started=$(date +%s.%N)
# shellcheck disable=SC2086
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DOTNET_gcServer=0 \
    chroot --userspec=sparklecc:sparklecc "$slot" $exec_start \
    "--Sip:Port=$sip_port" "--Web:HttpsPort=$web_port" "--Web:HttpPort=$http_port" \
    > "$work/service.log" 2>&1 &
service_pid=$!
if ! python3 "$root/image/scripts/sip-options.py" 127.0.0.1 "$sip_port" 120 > "$work/options.txt"; then
    tail -n 30 "$work/service.log" >&2
    fail "the service in the root file system never answered SIP OPTIONS"
fi
answered=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")
log "SIP OPTIONS answered ${answered} s after start"
web=$(python3 "$root/image/scripts/https-get.py" 127.0.0.1 "$web_port" /setup 60) \
    || fail "the web page did not answer over HTTPS"
[ "$web" = "HTTP 200 OK" ] || fail "the setup page answered '$web', not 200"
locked=$(python3 "$root/image/scripts/https-get.py" 127.0.0.1 "$web_port" /api/admin/extensions 30)
[ "$locked" = "HTTP 503 Service Unavailable" ] \
    || fail "before the setup wizard the admin API answered '$locked', not 503: a default login may work"
grep -q '"Profile": "production"' "$slot/etc/sparklecc/appsettings.json" || fail "the image is not in the production profile"
sleep 5
# env and chroot exec the service, so the background job is the service itself.
memory_mib=$(( $(ps -o rss= -p "$service_pid") / 1024 ))
kill -TERM "$service_pid"
wait "$service_pid" && stopped=0 || stopped=$?
service_pid=""
[ "$stopped" = 0 ] || { tail -n 20 "$work/service.log" >&2; fail "the service exited $stopped on SIGTERM, not 0"; }
[ -s "$work/data/service/appliance.db" ] || fail "the service wrote no database on the data partition"
[ -s "$work/data/service/web/https.pfx" ] || fail "the service made no HTTPS certificate on the data partition"

log "checking the image's RAUC keyring"
keys=$(signing_keys "$root/out/image/keys")
head -c 65536 /dev/urandom > "$work/rootfs.ext4"
make_bundle "$work/rootfs.ext4" "$work/good.raucb" x64 "0-test" "$keys"
rauc info --keyring="$slot/etc/rauc/keyring.pem" "$work/good.raucb" > /dev/null 2>&1 \
    || fail "the image's keyring refuses a bundle signed with the build's key"
mkdir -p "$work/stranger"
SPARKLECC_KEYS="" signing_keys "$work/stranger" > /dev/null
make_bundle "$work/rootfs.ext4" "$work/stranger.raucb" x64 "0-test" "$work/stranger"
if rauc info --keyring="$slot/etc/rauc/keyring.pem" "$work/stranger.raucb" > /dev/null 2>&1; then
    fail "the image's keyring accepts a bundle signed by a stranger"
fi
grep -q '^compatible=sparklecc-x64$' "$slot/etc/rauc/system.conf" || fail "RAUC's compatible is not sparklecc-x64"

echo "image rootfs: read-only root, units verified, first boot done, OPTIONS answered ${answered} s after start," \
    "service ${memory_mib} MiB at idle, keyring checked"
