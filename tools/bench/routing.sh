#!/usr/bin/env bash
# Routing benchmark: the real ACD (firmware/Appliance.CallCenter/Routing) driven by the
# discrete-event simulation (tools/Appliance.RoutingSimulation) on a fake clock through one hour
# of peak traffic at 90 % occupancy: every agent in 3 random queues with a level 1-10 in each
# queue's skill, queues requiring level 3 widening every 10 s, mixed strategies, 5 s wrap-up,
# 180 s mean handle time, 90 s mean patience. A 50-agent centre in 2 queues runs first as the
# baseline (and warms the JIT); the ratio lines compare the two from the same run. Each decision
# (an Enqueue or a CallEnded that rings the next agent) is timed with the wall clock, so the
# worst figure includes whatever the machine's scheduler and the GC did at that moment.
# The last line is always
#   routing: A agents, Q queues, D decisions/s, median M us, worst W us, hour simulated in S s
# Environment: AGENTS (5000), QUEUES (200), SEED (1).
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "routing.sh: building the simulation (Release)" >&2
dotnet build tools/Appliance.RoutingSimulation -c Release -nologo -v:q >/dev/null
dotnet tools/Appliance.RoutingSimulation/bin/Release/net10.0/Appliance.RoutingSimulation.dll \
    "${AGENTS:-5000}" "${QUEUES:-200}" "${SEED:-1}"
