#!/usr/bin/env bash
# Benchmark of the whole call path: CALLS callers (default 200) at RATE calls/s (default 10) on the
# loopback trunk dial DID 100, press 1 in the IVR (RFC 4733), wait in queue "sales", are answered by
# one of AGENTS auto-answering SIPp phones (default 5, extensions 1001-1005 of the demo seed), talk
# TALK_MS (default 10000) with RTP both ways (440 Hz from the caller, 1000 Hz from the agent) and
# the agent hangs up. Prints SIPp's counts and the service's CPU time per call from
# /proc/<pid>/stat (utime + stime before and after the callers), and ends with one line:
#   calls: N completed, F failed, C cpu-ms per call
#
# Needs: the .NET SDK, sipp (Debian package sip-tester; tools/test.sh installs it), root (SIPp
# plays the DTMF pcap through a raw socket). An agent takes one call at a time, so with the
# defaults the run lasts about CALLS * TALK_MS / AGENTS = 400 s plus the IVR of the last call:
# most callers wait in the queue (hearing the hold prompt) while five talk.
# Environment: CALLS, RATE, TALK_MS, AGENTS (1-5), SIP_PORT (25060), KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

calls=${CALLS:-200}
rate=${RATE:-10}
talk_ms=${TALK_MS:-10000}
agents=${AGENTS:-5}
sip_port=${SIP_PORT:-25060}
scenarios=$repo/tests/Appliance.Service.Tests/Scenarios

command -v sipp >/dev/null || { echo "calls.sh: sipp is missing (apt-get install sip-tester)" >&2; exit 2; }
if [ "$agents" -lt 1 ] || [ "$agents" -gt 5 ]; then
    echo "calls.sh: AGENTS must be 1-5 (the demo seed has extensions 1001-1005)" >&2
    exit 2
fi

echo "calls.sh: building the service (Release)"
dotnet build firmware/Appliance.Service -c Release -nologo -v:q >/dev/null
dll=$repo/firmware/Appliance.Service/bin/Release/net10.0/sparklecc.dll

work=$(mktemp -d /tmp/sparklecc-bench-XXXXXX)
pids=()
service_pid=""
cleanup() {
    for pid in "${pids[@]}"; do
        kill -USR1 "$pid" 2>/dev/null || true
    done
    sleep 1
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    if [ -n "$service_pid" ]; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-}" = "1" ]; then
        echo "calls.sh: work folder kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# utime + stime of a process, in clock ticks (proc(5): fields 14 and 15, counted after the
# parenthesised command name, which may hold spaces).
cpu_ticks() {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

echo "calls.sh: starting the service on 127.0.0.1:$sip_port (data in $work/data)"
(cd "$work" && exec dotnet "$dll" --Sip:BindAddress=127.0.0.1 --Sip:Port="$sip_port" \
    --Rtp:PortMin=20000 --Rtp:PortMax=20999 --Appliance:DataDirectory="$work/data" \
    >"$work/service.log" 2>&1) &
service_pid=$!
for _ in $(seq 1 150); do
    grep -q "listening for SIP" "$work/service.log" && break
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.2
done
grep -q "listening for SIP" "$work/service.log" || { echo "calls.sh: service not ready" >&2; exit 1; }

cd "$scenarios"
for i in $(seq 1 "$agents"); do
    ext=$((1000 + i))
    phone_port=$((sip_port + 100 + i * 2))
    media_port=$((16000 + i * 10))
    sipp -sf agent-answers-hangs-up.xml -set talk "$talk_ms" -i 127.0.0.1 -p "$phone_port" \
        -mp "$media_port" -bind_local -nostdin -trace_err -error_file "$work/agent-$ext.errors.log" \
        >"$work/agent-$ext.screen.log" 2>&1 &
    pids+=($!)
    sleep 0.2
    sipp "127.0.0.1:$sip_port" -sf agent-register.xml -s "$ext" -au "$ext" -ap "sparkle-$ext" \
        -key contact_port "$phone_port" -i 127.0.0.1 -p $((sip_port + 200 + i)) -bind_local -m 1 \
        -nostdin -timeout 10 -timeout_error >"$work/register-$ext.log" 2>&1 \
        || { echo "calls.sh: registering $ext failed" >&2; tail -20 "$work/register-$ext.log" >&2; exit 1; }
    echo "calls.sh: agent $ext registered, phone on port $phone_port"
done

ticks_per_second=$(getconf CLK_TCK)
timeout_s=$(( calls * talk_ms / agents / 1000 * 2 + 120 ))
before=$(cpu_ticks "$service_pid")
echo "calls.sh: $calls calls at $rate calls/s, $talk_ms ms talk each (SIPp gives up after $timeout_s s)"
sipp "127.0.0.1:$sip_port" -sf caller-until-bye.xml -s 100 -i 127.0.0.1 -p $((sip_port + 300)) \
    -mp 17000 -bind_local -r "$rate" -m "$calls" -l $((calls + 50)) -nostdin -timeout "$timeout_s" \
    -trace_err -error_file "$work/callers.errors.log" >"$work/callers.screen.log" 2>&1 || true
after=$(cpu_ticks "$service_pid")

completed=$(awk -F'|' '/Successful call/ { v = $3 } END { print v + 0 }' "$work/callers.screen.log")
sipp_failed=$(awk -F'|' '/Failed call/ { v = $3 } END { print v + 0 }' "$work/callers.screen.log")
failed=$((calls - completed))
echo "calls.sh: SIPp callers: $completed successful, $sipp_failed failed, $((calls - completed - sipp_failed)) unfinished"
if [ -s "$work/callers.errors.log" ]; then
    echo "calls.sh: first unexpected messages:"
    head -5 "$work/callers.errors.log"
fi
cpu_ms=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" 'BEGIN { printf "%.0f", t * 1000 / hz }')
echo "calls.sh: service CPU $cpu_ms ms over the run (pid $service_pid)"
per_call=$(awk -v ms="$cpu_ms" -v n="$completed" 'BEGIN { printf "%.1f", (n > 0 ? ms / n : 0) }')
echo "calls: $completed completed, $failed failed, $per_call cpu-ms per call"
