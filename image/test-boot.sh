#!/usr/bin/env bash
# Boots the x64 image in qemu and checks what a technician and an admin would: the service
# answers SIP OPTIONS and the web page loads; a good update bundle installs into the other slot
# and the box comes back on the new version; a bundle whose service fails is rolled back to the
# slot that worked, by itself. Prints the figures (boot to first answered OPTIONS, memory at idle).
#
#   image/test-boot.sh [image]        default: out/image/x64/latest.img (run image/build.sh x64)
#
# Uses KVM when /dev/kvm can be opened, software emulation otherwise (slower; timeouts allow it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=image/scripts/common.sh
. "$root/image/scripts/common.sh"
require_tools qemu-system-x86_64 debugfs ssh scp python3 rauc

image=$(readlink -f "${1:-out/image/x64/latest.img}")
[ -r "$image" ] || fail "no image at $image: run image/build.sh x64 first"
dir=$(dirname "$image")
name=$(basename "$image" .img)
version=$(cat "$dir/version")
work=$(mktemp -d /tmp/sparklecc-boot.XXXXXX)
vm_pid=""
keep="$root/out/image/boot-logs"
cleanup() {
    [ -n "$vm_pid" ] && kill "$vm_pid" 2> /dev/null || true
    # The serial consoles are what tells a failed boot's story: keep them.
    rm -rf "$keep" && mkdir -p "$keep" && cp "$work"/console-*.log "$keep/" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sip_port=$(free_port)
ssh_port=$(free_port)
web_port=$(free_port)
# KVM inside a virtual machine (nested) is often refused with internal errors, so software
# emulation is the default; SPARKLECC_QEMU_ACCEL=kvm asks for KVM where it works.
accel=${SPARKLECC_QEMU_ACCEL:-tcg}
timeout_boot=600
[ "$accel" = kvm ] && timeout_boot=240

log "test disk and SSH key for the checks"
cp --sparse=always "$image" "$work/disk.img"
ssh-keygen -q -t ed25519 -N '' -f "$work/id"
data_start=$(sfdisk -d "$work/disk.img" | awk -F'[=,]' '/name="data"/ { gsub(/ /, "", $2); print $2 }')
data_sectors=$(sfdisk -d "$work/disk.img" | awk -F'[=,]' '/name="data"/ { gsub(/ /, "", $4); print $4 }')
dd if="$work/disk.img" of="$work/data.ext4" bs=512 skip="$data_start" count="$data_sectors" status=none
debugfs -w -R "mkdir ssh" "$work/data.ext4" > /dev/null 2>&1
debugfs -w -R "write $work/id.pub ssh/authorized_keys" "$work/data.ext4" > /dev/null 2>&1
dd if="$work/data.ext4" of="$work/disk.img" bs=512 seek="$data_start" conv=notrunc status=none
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"

in_vm() {
    ssh -q -p "$ssh_port" -i "$work/id" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        -o ConnectTimeout=5 -o BatchMode=yes root@127.0.0.1 "$@"
}

# start_vm <name> [reboot]: with "reboot" a guest reboot restarts the machine in place (the
# rollback phase, where the box reboots itself); otherwise qemu exits, so the script can wait for
# the reboot it asked for and start the next boot itself.
start_vm() {
    local on_reboot=-no-reboot
    [ "${2:-}" = reboot ] && on_reboot=""
    # shellcheck disable=SC2086
    qemu-system-x86_64 -machine q35,accel="$accel" -cpu max -smp 2 -m 1024 -nographic $on_reboot \
        -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
        -drive if=pflash,format=raw,file="$work/vars.fd" \
        -drive file="$work/disk.img",format=raw,if=virtio \
        -netdev "user,id=n0,hostfwd=udp:127.0.0.1:$sip_port-:5060,hostfwd=tcp:127.0.0.1:$ssh_port-:22,hostfwd=tcp:127.0.0.1:$web_port-:8443" \
        -device virtio-net-pci,netdev=n0 -serial "file:$work/console-$1.log" -monitor none \
        > /dev/null 2>&1 &
    vm_pid=$!
}

stop_vm() {
    kill "$vm_pid" 2> /dev/null || true
    wait "$vm_pid" 2> /dev/null || true
    vm_pid=""
}

# Seconds until the service answers OPTIONS on the forwarded port, or failure after the timeout.
wait_for_sip() {
    python3 "$root/image/scripts/sip-options.py" 127.0.0.1 "$sip_port" "$timeout_boot" && return 0
    tail -n 20 "$work/console-$1.log" >&2
    in_vm journalctl -b -u sparklecc -u sparklecc-mark-good --no-pager 2> /dev/null | tail -n 60 >&2 || true
    fail "no SIP answer from the box ($1) within $timeout_boot s (serial consoles kept in $keep)"
}

# web <command> [bundle]: the admin's web API through the forwarded HTTPS port (scripts/web-update.py).
admin_password="Boot-test-admin-1"
web() { python3 "$root/image/scripts/web-update.py" 127.0.0.1 "$web_port" "$1" "$admin_password" "${@:2}"; }
firmware_field() { python3 -c 'import json, sys; print(eval("json.load(sys.stdin)" + sys.argv[1]))' "$1"; }

wait_for_ssh() {
    for _ in $(seq 1 60); do in_vm true && return 0; sleep 2; done
    fail "no SSH into the box"
}

wait_for_mark_good() {
    for _ in $(seq 1 120); do
        state=$(in_vm systemctl is-active sparklecc-mark-good.service || true)
        [ "$state" = active ] && return 0
        sleep 2
    done
    in_vm journalctl -u sparklecc-mark-good -u sparklecc --no-pager | tail -n 30 >&2 || true
    fail "the booted slot was never marked good"
}

booted_slot() { in_vm rauc status --output-format=shell | sed -n 's/^RAUC_SYSTEM_BOOTED_BOOTNAME=//p' | tr -d "'"; }
booted_version() { in_vm cat /etc/sparklecc/release | sed -n 's/^SPARKLECC_VERSION=//p'; }

# make_test_bundle <version> <appsettings file> <bundle>: the shipped root file system with another
# version label (and, for the failing bundle, settings the service refuses).
make_test_bundle() {
    local label=$1 settings=$2 bundle=$3
    cp --sparse=always "$dir/$name.rootfs.ext4" "$work/rootfs.ext4"
    printf 'SPARKLECC_VERSION=%s\nSPARKLECC_ARCH=x64\n' "$label" > "$work/release"
    debugfs -w -R "rm /etc/sparklecc/release" "$work/rootfs.ext4" > /dev/null 2>&1
    debugfs -w -R "write $work/release /etc/sparklecc/release" "$work/rootfs.ext4" > /dev/null 2>&1
    debugfs -w -R "rm /etc/sparklecc/appsettings.json" "$work/rootfs.ext4" > /dev/null 2>&1
    debugfs -w -R "write $settings /etc/sparklecc/appsettings.json" "$work/rootfs.ext4" > /dev/null 2>&1
    make_bundle "$work/rootfs.ext4" "$bundle" x64 "$label" "$(signing_keys "$root/out/image/keys")"
}

install_and_reboot() {
    local bundle=$1
    scp -q -P "$ssh_port" -i "$work/id" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        "$bundle" root@127.0.0.1:/var/lib/sparklecc/update.raucb
    in_vm rauc install /var/lib/sparklecc/update.raucb > "$work/install.log" 2>&1 \
        || { cat "$work/install.log" >&2; fail "rauc install refused the bundle"; }
    in_vm rm /var/lib/sparklecc/update.raucb
    in_vm systemctl reboot || true
}

log "booting $name with $accel"
start_vm first
boot_seconds=$(wait_for_sip first)
log "SIP OPTIONS answered ${boot_seconds} s after power-on"
wait_for_ssh
[ "$(booted_slot)" = A ] || fail "a fresh box must boot slot A, not $(booted_slot)"
if in_vm systemctl is-active --quiet sparklecc.service; then log "sparklecc.service is active"; fi
page=$(python3 "$root/image/scripts/https-get.py" 127.0.0.1 "$web_port" /setup 120) \
    || fail "the web page did not answer over HTTPS"
log "web page /setup: $page"
web setup > /dev/null || fail "the setup wizard did not take the admin password"
log "setup wizard done: the admin password is set"
wait_for_mark_good
memory_mib=$(( $(in_vm systemctl show -p MemoryCurrent --value sparklecc.service) / 1048576 ))
log "slot A marked good; the service uses ${memory_mib} MiB at idle"

log "installing a good update bundle from the web page"
cp "$root/image/rootfs/etc/sparklecc/appsettings.json" "$work/good.json"
make_test_bundle "$version-update" "$work/good.json" "$work/good.raucb"
web status > "$work/status-before.json" || fail "the Firmware page did not answer"
[ "$(firmware_field '["runningVersion"]' < "$work/status-before.json")" = "$version" ] \
    || fail "the Firmware page shows $(cat "$work/status-before.json"), not version $version running"
web install "$work/good.raucb" > "$work/installed.json" || fail "the web page refused the bundle: $(cat "$work/installed.json")"
[ "$(firmware_field '["slot"]' < "$work/installed.json")" = B ] || fail "the bundle went to $(cat "$work/installed.json")"
web status > "$work/status-pending.json"
[ "$(firmware_field '["pending"]' < "$work/status-pending.json")" = "$version-update" ] \
    || fail "the Firmware page does not show the update pending: $(cat "$work/status-pending.json")"
log "the web page installed $version-update into slot B; rebooting"
in_vm systemctl reboot || true
wait "$vm_pid" 2> /dev/null || true
start_vm second
wait_for_sip second > /dev/null
wait_for_ssh
[ "$(booted_slot)" = B ] || fail "after the update the box must run slot B, not $(booted_slot)"
[ "$(booted_version)" = "$version-update" ] || fail "slot B runs $(booted_version), not $version-update"
wait_for_mark_good
web status > "$work/status-after.json" || fail "the Firmware page did not answer on slot B"
[ "$(firmware_field '["slots"][0]["name"]' < "$work/status-after.json")" = B ] \
    && [ "$(firmware_field '["runningVersion"]' < "$work/status-after.json")" = "$version-update" ] \
    && [ "$(firmware_field '["slots"][1]["version"]' < "$work/status-after.json")" = "$version" ] \
    || fail "the Firmware page on slot B shows $(cat "$work/status-after.json")"
log "update installed: slot B runs $version-update, is marked good, and the web page shows slot A's $version"

log "installing a bundle whose service fails"
printf '{ "Appliance": { "Profile": "production", "DataDirectory": "/var/lib/sparklecc/service" },\n  "Sip": { "Port": "not-a-port" } }\n' \
    > "$work/bad.json"
make_test_bundle "$version-broken" "$work/bad.json" "$work/bad.raucb"
install_and_reboot "$work/bad.raucb"
wait "$vm_pid" 2> /dev/null || true
start_vm third reboot
# The broken slot boots once, its boot check gives up and reboots; GRUB then skips the tried slot.
wait_for_sip third > /dev/null
wait_for_ssh
[ "$(booted_slot)" = B ] || fail "after a failed update the box must be back on slot B, not $(booted_slot)"
[ "$(booted_version)" = "$version-update" ] || fail "the box runs $(booted_version) after the rollback"
grep -q "rebooting to the other slot" "$work/console-third.log" \
    || log "note: the boot check's message was not on the serial console"
stop_vm
log "rollback: the broken bundle was tried once and the box returned to slot B by itself"

echo "image boot: $accel, OPTIONS answered ${boot_seconds} s after power-on, service ${memory_mib} MiB at idle, update and rollback passed"
