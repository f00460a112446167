#!/usr/bin/env bash
# Simulated shift of the outbound dialer: the real campaign controller, scheduler and pacing
# (firmware/Appliance.CallCenter/Dialer) on a fake clock against a model of the people called
# (live answer 35 %, machines 10 %, ring 5-25 s, talk log-normal mean 120 s sd 100 s, wrap-up
# 5-15 s; docs/dialer.md explains the model).
# Progressive and predictive run on the same model and seed; progressive is the baseline, so the
# figure is a ratio from the same run. The last line is always
#   dialer: abandon A %, occupancy O %, gain G % over progressive
# (abandon and occupancy of the predictive run; gain = its talk time over progressive's, minus 1).
# Environment: AGENTS (20), HOURS (8), SEED (1), SEEDS (1: pool that many seeds from SEED).
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "dialer.sh: building the simulation (Release)" >&2
dotnet build tools/Appliance.DialerSimulation -c Release -nologo -v:q >/dev/null
dotnet tools/Appliance.DialerSimulation/bin/Release/net10.0/Appliance.DialerSimulation.dll \
    --agents "${AGENTS:-20}" --hours "${HOURS:-8}" --seed "${SEED:-1}" --seeds "${SEEDS:-1}"
