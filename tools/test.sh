#!/usr/bin/env bash
# Runs every test of the appliance on a fresh Debian machine with the .NET SDK.
# It installs the real peers the end-to-end tests drive (SIPp, tshark) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each room lists the Debian packages its tests need in tools/test-deps/<room>.apt, one a line.
mapfile -t packages < <(cat tools/test-deps/*.apt | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    echo "test.sh: installing ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build Appliance.sln -c Release -nologo -v:q
dotnet test Appliance.sln -c Release --no-build -nologo -v:q --logger "console;verbosity=normal" "$@"

# The device image's root file system, built from Debian and checked as the box runs it. Only in a
# whole run (no test filter given); the full qemu boot with update and rollback, which takes longer
# than this suite's budget, is image/test-boot.sh (docs/image.md).
if [ $# -eq 0 ]; then
    as_root=""
    [ "$(id -u)" -ne 0 ] && as_root="sudo"
    $as_root env SPARKLECC_STAGE=rootfs image/build.sh x64
    $as_root image/test-rootfs.sh
    # ARM64: the service published and the card library cross-compiled, each checked to be ARM64.
    $as_root env SPARKLECC_STAGE=binaries image/build.sh arm64
fi
