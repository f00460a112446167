#!/usr/bin/env bash
# Simulated shift of the outbound dialer: the real campaign controller, scheduler and pacing
# (firmware/Appliance.CallCenter/Dialer) on a fake clock against a model of the people called
# (live answer 35 %, machines 10 %, ring 5-25 s, talk log-normal mean 120 s sd 100 s, wrap-up
# 5-15 s; docs/dialer.md explains the model).
# Progressive and predictive run on the same model and seed; progressive is the baseline, so the
# figure is a ratio from the same run. Each team size in AGENTS_LIST runs twice: abandoning the
# moment no agent is free (hold 0, the live service with `Dialer:AbandonHold=0`) and holding
# the answer up to 2 s (the live default, and the regulators' rule: Ofcom and the US TSR count
# a call as abandoned only when no agent is connected within 2 s of the answer). The table has
# one row per run, with the abandons the pacing's forecast expected beside those measured; the
# last line is always
#   dialer: abandon A %, occupancy O %, gain G % over progressive
# for AGENTS agents and hold 0 (abandon and occupancy of the predictive run; gain = its talk time
# over progressive's, minus 1).
# Environment: AGENTS (20), AGENTS_LIST (10 20 50), HOURS (8), SEED (1), SEEDS (1: pool that
# many seeds from SEED).
set -euo pipefail
cd "$(dirname "$0")/../.."

agents="${AGENTS:-20}"
list="${AGENTS_LIST:-10 20 50}"
case " $list " in *" $agents "*) ;; *) list="$list $agents" ;; esac

echo "dialer.sh: building the simulation (Release)" >&2
dotnet build tools/Appliance.DialerSimulation -c Release -nologo -v:q >/dev/null
sim=tools/Appliance.DialerSimulation/bin/Release/net10.0/Appliance.DialerSimulation.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

printf '%6s %6s %8s %8s %7s %9s %9s\n' agents hold 'aband%' 'occup%' 'gain%' forecast measured
for n in $list; do
    for hold in 0 2; do
        dotnet "$sim" --agents "$n" --hours "${HOURS:-8}" --seed "${SEED:-1}" --seeds "${SEEDS:-1}" \
            --hold "$hold" >"$out/$n-$hold.txt"
        last=$(grep '^dialer: ' "$out/$n-$hold.txt")
        counts=$(grep '^dialer-sim: abandons' "$out/$n-$hold.txt")
        read -r aband occup gain < <(echo "$last" | sed -E 's/[^0-9.]+/ /g')
        read -r forecast measured < <(echo "$counts" | sed -E 's/.*forecast ([0-9.]+), measured ([0-9]+).*/\1 \2/')
        printf '%6s %5ss %8s %8s %7s %9s %9s\n' "$n" "$hold" "$aband" "$occup" "$gain" "$forecast" "$measured"
    done
done

echo
cat "$out/$agents-0.txt"
