#!/bin/sh
# Writes /run/sparklecc/slots.env: the booted root slot and, for each slot, the firmware version it
# holds and whether the boot loader counts it good. The service (which may not read the other
# slot's partition or ask the boot loader) shows it on the web page and the front panel. Run at
# boot and again by the boot check once the slot is marked good.
set -u
dir=/run/sparklecc
mkdir -p "$dir"
chmod 0755 "$dir"

if ! status=$(rauc status --detailed --output-format=shell 2> /dev/null); then
    echo "sparklecc-slots: rauc status failed; the slots are not shown" >&2
    exit 0
fi
eval "$status"

release_version() { sed -n 's/^SPARKLECC_VERSION=//p'; }

tmp=$(mktemp "$dir/slots.XXXXXX")
echo "BOOTED=${RAUC_SYSTEM_BOOTED_BOOTNAME:-}" > "$tmp"
index=0
for slot in ${RAUC_SYSTEM_SLOTS:-}; do
    index=$((index + 1))
    eval "name=\${RAUC_SLOT_BOOTNAME_$index:-}"
    eval "health=\${RAUC_SLOT_BOOT_STATUS_$index:-}"
    eval "device=\${RAUC_SLOT_DEVICE_$index:-}"
    [ -n "$name" ] || continue
    if [ "$name" = "${RAUC_SYSTEM_BOOTED_BOOTNAME:-}" ]; then
        version=$(release_version < /etc/sparklecc/release)
    else
        # Read without mounting: the other slot may be empty, half written or not ours.
        version=$(debugfs -R "cat /etc/sparklecc/release" "$device" 2> /dev/null | release_version)
    fi
    echo "sparklecc-slots: slot $name ($slot) holds ${version:-nothing readable}, boot status ${health:-unknown}"
    printf 'SLOT_%s_VERSION=%s\nSLOT_%s_HEALTH=%s\n' "$name" "$version" "$name" "$health" >> "$tmp"
done
chmod 0644 "$tmp"
mv "$tmp" "$dir/slots.env"
