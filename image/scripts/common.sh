# Functions shared by the image scripts; sourced, not run.

log() { echo "image: $*" >&2; }

fail() {
    echo "image: error: $*" >&2
    exit 1
}

require_tools() {
    local missing=()
    for tool in "$@"; do
        command -v "$tool" > /dev/null || missing+=("$tool")
    done
    [ ${#missing[@]} -eq 0 ] || fail "missing tools: ${missing[*]} (image/host-packages.apt lists their packages)"
}

# The foreign architecture's maintainer scripts run through qemu-user-static; in a container the
# binfmt_misc file system may not be mounted yet, and the registration may be missing.
enable_foreign_binfmt() {
    local cpu=$1
    [ -d /proc/sys/fs/binfmt_misc ] || fail "the kernel has no binfmt_misc; cannot run $cpu programs"
    [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    if [ ! -e "/proc/sys/fs/binfmt_misc/qemu-$cpu" ]; then
        [ -r "/usr/lib/binfmt.d/qemu-$cpu.conf" ] || fail "qemu-user-static has no $cpu registration"
        cat "/usr/lib/binfmt.d/qemu-$cpu.conf" > /proc/sys/fs/binfmt_misc/register
    fi
}

# The image carries the service's own Nerdbank.GitVersioning version.
image_version() {
    local project=firmware/Appliance.Service/Appliance.Service.csproj version

    # GetBuildVersion comes from the Nerdbank.GitVersioning package, so a fresh clone must be
    # restored before it can be asked.
    dotnet restore "$project" -nologo -v:q > /dev/null || fail "dotnet restore of $project failed"
    version=$(dotnet msbuild "$project" -t:GetBuildVersion -getProperty:NuGetPackageVersion -nologo \
        2> /dev/null | tr -d '\r')
    [ -n "$version" ] || fail "no version from Nerdbank.GitVersioning for $project"
    echo "$version"
}

# Prints the folder holding ca.cert.pem, signing.cert.pem and signing.key.pem, making a
# development set (ECDSA P-256, so the flash tool checks the same key) when none is given.
signing_keys() {
    local dev=$1
    if [ -n "${SPARKLECC_KEYS:-}" ]; then
        for f in ca.cert.pem signing.cert.pem signing.key.pem; do
            [ -r "$SPARKLECC_KEYS/$f" ] || fail "SPARKLECC_KEYS=$SPARKLECC_KEYS has no $f"
        done
        echo "$SPARKLECC_KEYS"
        return
    fi

    if [ ! -r "$dev/signing.key.pem" ]; then
        log "no SPARKLECC_KEYS: making a development signing key in $dev (not for shipped boxes)"
        mkdir -p "$dev"
        openssl ecparam -name prime256v1 -genkey -noout -out "$dev/ca.key.pem" 2> /dev/null
        openssl req -x509 -new -key "$dev/ca.key.pem" -days 3650 -subj "/O=SparkleCC/CN=SparkleCC development CA" \
            -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
            -out "$dev/ca.cert.pem" 2> /dev/null
        openssl ecparam -name prime256v1 -genkey -noout -out "$dev/signing.key.pem.ec" 2> /dev/null
        openssl pkcs8 -topk8 -nocrypt -in "$dev/signing.key.pem.ec" -out "$dev/signing.key.pem"
        rm "$dev/signing.key.pem.ec"
        openssl req -new -key "$dev/signing.key.pem" -subj "/O=SparkleCC/CN=SparkleCC development signing" \
            -out "$dev/signing.csr" 2> /dev/null
        printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n' > "$dev/signing.ext"
        openssl x509 -req -in "$dev/signing.csr" -CA "$dev/ca.cert.pem" -CAkey "$dev/ca.key.pem" \
            -CAcreateserial -days 3650 -extfile "$dev/signing.ext" -out "$dev/signing.cert.pem" 2> /dev/null
    fi
    echo "$dev"
}

# Reads packages.list: plain lines for every architecture, "<debarch>: a b" lines for one.
package_list() {
    local list=$1 debarch=$2
    sed 's/#.*//' "$list" | awk -v a="$debarch:" '
        NF == 0 { next }
        $1 ~ /:$/ { if ($1 == a) { for (i = 2; i <= NF; i++) print $i }; next }
        { print $1 }' | paste -sd, -
}

# cross_build_native <arm64 root file system> <build folder>: the card library and its tool for
# ARM64 with the cross compiler, against the host's libpri and openr2 headers (the same Debian
# release) and the root file system's libpri and openr2 archive.
cross_build_native() {
    local rootfs=$1 build=$2 libpri openr2
    require_tools aarch64-linux-gnu-gcc cmake
    # Debian's libpri is not multi-arch: it lives in /usr/lib.
    libpri=""
    for candidate in "$rootfs"/usr/lib/aarch64-linux-gnu/libpri.so.* "$rootfs"/usr/lib/libpri.so.*; do
        [ -e "$candidate" ] && libpri=$candidate && break
    done
    [ -n "$libpri" ] || fail "the arm64 root file system has no libpri"
    [ -r /usr/include/libpri.h ] || fail "no /usr/include/libpri.h: install libpri-dev on the build host"
    openr2="$rootfs/usr/lib/aarch64-linux-gnu/libopenr2.a"
    [ -e "$openr2" ] || fail "the arm64 root file system has no libopenr2.a"
    [ -r /usr/include/openr2.h ] || fail "no /usr/include/openr2.h: install libopenr2-dev on the build host"
    cmake -S "$root/drivers/native" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPARKLE_TESTS=OFF \
        -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64 -DCMAKE_C_COMPILER=aarch64-linux-gnu-gcc \
        -DLIBPRI_INCLUDE_DIR=/usr/include -DLIBPRI_LIBRARY="$libpri" \
        -DOPENR2_INCLUDE_DIR=/usr/include -DOPENR2_ARCHIVE="$openr2" > "$build.log" 2>&1 \
        || { cat "$build.log" >&2; fail "cmake could not configure the arm64 card library"; }
    cmake --build "$build" --parallel 2 >> "$build.log" 2>&1 \
        || { tail -n 30 "$build.log" >&2; fail "the arm64 card library did not build"; }
}

verify_architecture() {
    local binary=$1 arch=$2 expected
    case "$arch" in x64) expected="x86-64" ;; arm64) expected="ARM aarch64" ;; esac
    file -L "$binary" | grep -q "$expected" || fail "$binary is not an $expected program: $(file -L "$binary")"
    log "$(basename "$binary") is $expected"
}

# make_ext4 <source-dir or ""> <image> <MiB> <label>: a file system image filled from a folder,
# with time stamps and UUID fixed by SOURCE_DATE_EPOCH so the same commit gives the same bytes.
make_ext4() {
    local source=$1 image=$2 mib=$3 label=$4
    rm -f "$image"
    truncate -s "${mib}M" "$image"
    local uuid
    uuid=$(printf '%s-%s' "$label" "$SOURCE_DATE_EPOCH" | sha256sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
    local args=(-q -F -t ext4 -L "$label" -U "$uuid" -E "hash_seed=$uuid,root_owner=0:0" -m 1)
    [ -n "$source" ] && args+=(-d "$source")
    E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mke2fs "${args[@]}" "$image" \
        || fail "the $label file system does not fit in ${mib} MiB (set SPARKLECC_SLOT_MIB)"
}

# make_esp <image> <MiB> <grub-module-dir> <efi-name> <grub.cfg>: a FAT partition with one
# self-contained GRUB (its configuration inside it) and the A/B environment block beside it.
make_esp() {
    local image=$1 mib=$2 modules=$3 efiname=$4 cfg=$5
    local dir
    [ -d "$modules" ] || fail "the root file system has no GRUB modules in $modules"
    dir=$(mktemp -d)
    grub-mkstandalone -d "$modules" -O "$(basename "$modules")" -o "$dir/$efiname" \
        --modules="part_gpt ext2 fat loadenv regexp test echo linux normal search" \
        --locales="" --themes="" --fonts="" \
        "boot/grub/grub.cfg=$cfg"
    grub-editenv "$dir/grubenv" create
    grub-editenv "$dir/grubenv" set ORDER="A B" A_OK=1 A_TRY=0 B_OK=0 B_TRY=0
    rm -f "$image"
    truncate -s "${mib}M" "$image"
    mkfs.vfat -n ESP -i 5CC0B007 "$image" > /dev/null
    mmd -i "$image" ::EFI ::EFI/BOOT
    mcopy -i "$image" -m "$dir/$efiname" "$dir/grubenv" ::EFI/BOOT/
    rm -rf "$dir"
}

# make_disk <image> <esp> <rootfs> <data> <esp MiB> <slot MiB> <data MiB>: GPT with fixed
# partition places (1 ESP, 2 root A, 3 root B, 4 data); slot B starts empty (GRUB's environment
# marks it not good) and the first update fills it, so the shipped image compresses to one slot.
make_disk() {
    local image=$1 esp=$2 rootfs=$3 data=$4 esp_mib=$5 slot_mib=$6 data_mib=$7
    local total=$(( 1 + esp_mib + 2 * slot_mib + data_mib + 1 ))
    rm -f "$image"
    truncate -s "${total}M" "$image"
    sfdisk -q "$image" <<EOF
label: gpt
label-id: 5CC0B007-0000-4000-8000-000000000000
first-lba: 2048
start=1MiB, size=${esp_mib}MiB, type=uefi, name=esp, uuid=5CC0B007-0000-4000-8000-000000000001
size=${slot_mib}MiB, type=linux, name=rootA, uuid=5CC0B007-0000-4000-8000-000000000002
size=${slot_mib}MiB, type=linux, name=rootB, uuid=5CC0B007-0000-4000-8000-000000000003
size=${data_mib}MiB, type=linux, name=data, uuid=5CC0B007-0000-4000-8000-000000000004
EOF
    dd if="$esp" of="$image" bs=1M seek=1 conv=notrunc,sparse status=none
    dd if="$rootfs" of="$image" bs=1M seek=$(( 1 + esp_mib )) conv=notrunc,sparse status=none
    dd if="$data" of="$image" bs=1M seek=$(( 1 + esp_mib + 2 * slot_mib )) conv=notrunc,sparse status=none
}

# make_bundle <rootfs.ext4> <bundle> <arch> <version> <keys>: a signed RAUC bundle (verity
# format) that installs the root file system into the inactive slot.
make_bundle() {
    local rootfs=$1 bundle=$2 arch=$3 version=$4 keys=$5
    local dir
    dir=$(mktemp -d)
    cp --sparse=always "$rootfs" "$dir/rootfs.ext4"
    cat > "$dir/manifest.raucm" <<EOF
[update]
compatible=sparklecc-$arch
version=$version
description=SparkleCC $version for $arch

[bundle]
format=verity

[image.rootfs]
filename=rootfs.ext4
EOF
    rm -f "$bundle"
    rauc bundle --cert="$keys/signing.cert.pem" --key="$keys/signing.key.pem" \
        --keyring="$keys/ca.cert.pem" "$dir" "$bundle" > /dev/null
    rm -rf "$dir"
}
