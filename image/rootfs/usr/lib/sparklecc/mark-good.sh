#!/bin/sh
# Marks the booted slot good once the service has been up and healthy for a while; exits non-zero
# (and the unit's FailureAction reboots) when it never gets there.
set -u
settle=${SPARKLECC_SETTLE_SECONDS:-20}
deadline=$(( $(date +%s) + ${SPARKLECC_BOOT_DEADLINE_SECONDS:-180} ))

while [ "$(date +%s)" -lt "$deadline" ]; do
    # A service that keeps failing will not get better by waiting.
    if [ "$(systemctl show -p NRestarts --value sparklecc.service)" -ge 3 ]; then
        break
    fi
    if systemctl is-active --quiet sparklecc.service; then
        restarts=$(systemctl show -p NRestarts --value sparklecc.service)
        sleep "$settle"
        if systemctl is-active --quiet sparklecc.service \
            && [ "$(systemctl show -p NRestarts --value sparklecc.service)" = "$restarts" ]; then
            rauc status mark-good
            /usr/lib/sparklecc/slots.sh
            echo "sparklecc-mark-good: slot $(rauc status --output-format=shell | sed -n 's/^RAUC_SYSTEM_BOOTED_BOOTNAME=//p') is good"
            exit 0
        fi
    fi
    sleep 2
done

echo "sparklecc-mark-good: the service did not become healthy; rebooting to the other slot" >&2
exit 1
