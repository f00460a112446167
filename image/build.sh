#!/usr/bin/env bash
# Builds the SparkleCC disk image and its update bundle for one architecture.
#
#   image/build.sh [x64|arm64]        outputs under out/image/<arch>/
#
# Steps: publish the service self-contained, build a Debian root filesystem with mmdebstrap
# (qemu-user-static runs the foreign architecture's package scripts), lay out the disk (EFI
# system partition, root slots A and B, data), and sign what a technician or the box checks.
# Environment:
#   SPARKLECC_MIRROR       Debian mirror (default http://deb.debian.org/debian). Point it at
#                          http://snapshot.debian.org/archive/debian/<date>/ to pin every package
#                          version to a date and make the image reproducible from the commit.
#   SPARKLECC_KEYS         folder with signing.key.pem and signing.cert.pem (and ca.cert.pem);
#                          made on the spot (a development key) when absent.
#   SPARKLECC_SLOT_MIB     size of each root slot (default 1024).
#   SPARKLECC_STAGE        "binaries" stops once the service and card library are built and their
#                          architecture checked; "rootfs" once the root file system is built (what
#                          the test command checks with image/test-rootfs.sh); the default builds all.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

arch=${1:-x64}
case "$arch" in
    x64) debarch=amd64; rid=linux-x64; grubformat=x86_64-efi; efiname=BOOTX64.EFI ;;
    arm64) debarch=arm64; rid=linux-arm64; grubformat=arm64-efi; efiname=BOOTAA64.EFI ;;
    *) echo "image/build.sh: architecture must be x64 or arm64, not '$arch'" >&2; exit 2 ;;
esac

mirror=${SPARKLECC_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
slot_mib=${SPARKLECC_SLOT_MIB:-1024}
esp_mib=64
data_mib=512
out="$root/out/image/$arch"
work="$root/out/image/work-$arch"
started=$(date +%s)

# shellcheck source=image/scripts/common.sh
. "$root/image/scripts/common.sh"
require_tools mmdebstrap dotnet file
if [ "${SPARKLECC_STAGE:-all}" = all ]; then
    require_tools mkfs.ext4 mkfs.vfat mcopy sfdisk grub-mkstandalone grub-editenv rauc openssl zstd
fi
if [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ] && [ "${SPARKLECC_STAGE:-all}" != binaries ]; then
    enable_foreign_binfmt aarch64
fi

export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)
version=$(image_version)
name="sparklecc-$version-$arch"
log "building $name from $mirror (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"

mkdir -p "$out"
keys=$(signing_keys "$root/out/image/keys")
if [ "${SPARKLECC_REUSE_ROOTFS:-0}" = 1 ] && [ -d "$work/rootfs/opt/sparklecc" ]; then
    log "reusing the root file system in $work (SPARKLECC_REUSE_ROOTFS=1)"
else
    rm -rf "$work"
    mkdir -p "$work"
    log "publishing the service for $rid"
    dotnet publish firmware/Appliance.Service/Appliance.Service.csproj -c Release -r "$rid" --self-contained \
        -p:DebugType=none -p:GenerateDocumentationFile=false -nologo -v:q -o "$work/publish"
    if [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ]; then
        # The publish copied the host's build of the card library; the box needs an ARM64 one,
        # linked against the ARM64 libpri and openr2 archive of the same mirror (unpacked only:
        # nothing runs).
        log "cross-compiling the native card library for arm64"
        mmdebstrap --mode=root --variant=extract --architectures="$debarch" --include=libpri1.4,libopenr2-dev \
            "$suite" "$work/arm64-libs" "$mirror" 2> "$work/arm64-libs.log" \
            || { cat "$work/arm64-libs.log" >&2; fail "could not fetch the arm64 libpri and openr2"; }
        cross_build_native "$work/arm64-libs" "$work/native-arm64"
        install -m 0755 "$work/native-arm64/libsparkle_card.so" "$work/publish/libsparkle_card.so"
        install -m 0755 "$work/native-arm64/sparkle-card" "$work/publish/sparkle-card"
    fi
    for binary in sparklecc libsparkle_card.so sparkle-card; do
        verify_architecture "$work/publish/$binary" "$arch"
    done
    if [ "${SPARKLECC_STAGE:-all}" = binaries ]; then
        echo "image: $arch $version binaries in $work/publish checked: sparklecc, libsparkle_card.so and" \
            "sparkle-card are $arch programs"
        exit 0
    fi

    log "building the root filesystem ($debarch, $suite)"
    packages=$(package_list "$root/image/packages.list" "$debarch")
    mmdebstrap --mode=root --variant=minbase --architectures="$debarch" \
        --include="$packages" \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --customize-hook="cp -a '$root/image/rootfs/.' \"\$1/\"" \
        --customize-hook="mkdir -p \"\$1/opt\" && cp -a '$work/publish' \"\$1/opt/sparklecc\"" \
        --customize-hook="cp '$keys/ca.cert.pem' \"\$1/etc/rauc/keyring.pem\"" \
        --customize-hook="sh '$root/image/scripts/customize.sh' \"\$1\" '$arch' '$version'" \
        "$suite" "$work/rootfs" "$mirror"
fi
verify_architecture "$work/rootfs/opt/sparklecc/sparklecc" "$arch"
verify_architecture "$work/rootfs/opt/sparklecc/libsparkle_card.so" "$arch"

log "writing the package manifest"
chroot "$work/rootfs" dpkg-query -W -f='${Package}=${Version}\n' | sort > "$out/$name.packages"
if [ "${SPARKLECC_STAGE:-all}" = rootfs ]; then
    echo "image: $arch $version root file system in $work/rootfs ($(du -sm --apparent-size "$work/rootfs" | cut -f1) MiB)," \
        "built in $(( $(date +%s) - started )) s"
    exit 0
fi

log "making the root slot image"
make_ext4 "$work/rootfs" "$work/rootfs.ext4" "$slot_mib" root
make_ext4 "" "$work/data.ext4" "$data_mib" data

log "making the EFI system partition"
# GRUB's modules come from the image's own grub-efi package, so the host needs only grub-common.
make_esp "$work/esp.vfat" "$esp_mib" "$work/rootfs/usr/lib/grub/$grubformat" "$efiname" "$root/image/grub/grub.cfg"

log "laying out the disk"
make_disk "$out/$name.img" "$work/esp.vfat" "$work/rootfs.ext4" "$work/data.ext4" \
    "$esp_mib" "$slot_mib" "$data_mib"

log "checksums, signature and compressed copy"
(cd "$out" && sha256sum "$name.img" > "$name.img.sha256")
openssl dgst -sha256 -sign "$keys/signing.key.pem" -out "$out/$name.img.sig" "$out/$name.img"
openssl pkey -in "$keys/signing.key.pem" -pubout -out "$out/signing.pub.pem" 2>/dev/null
zstd -q -f -T0 -9 "$out/$name.img" -o "$out/$name.img.zst"

log "making the update bundle"
make_bundle "$work/rootfs.ext4" "$out/$name.raucb" "$arch" "$version" "$keys"
cp "$work/rootfs.ext4" "$out/$name.rootfs.ext4"
echo "$version" > "$out/version"
ln -sfn "$name.img" "$out/latest.img"

installed_mib=$(du -sm --apparent-size "$work/rootfs" | cut -f1)
compressed_mib=$(( $(stat -c %s "$out/$name.img.zst") / 1048576 ))
log "image $name: $(( $(stat -c %s "$out/$name.img") / 1048576 )) MiB raw, ${compressed_mib} MiB compressed," \
    "${installed_mib} MiB installed, built in $(( $(date +%s) - started )) s"
echo "image: $arch $version, compressed ${compressed_mib} MiB, installed ${installed_mib} MiB"
