#!/usr/bin/env bash
# Signalling benchmark of the SIP stack on loopback, no media: SIPp registers REG_COUNT extensions
# (default 2000 REGISTERs over the seeded extensions, each 401 then 200 with digest) at REG_RATE
# per second (default 200), then places CALLS calls (default 1000) at CALL_RATE per second
# (default 100) to DID 100 on the loopback trunk: INVITE, 200, ACK, BYE after TALK_MS (default
# 200) without RTP (tests/Appliance.Service.Tests/Scenarios/sip/caller-hangs-up.xml). The
# service opens its RTP socket and starts its greeting for each call as it would for a phone;
# nothing is streamed back to it.
#
# The rates printed are the completed transactions divided by the wall time of each phase, and
# count only when no call failed; raise REG_RATE and CALL_RATE to find where failures start.
# The service's CPU time comes from /proc/<pid>/stat (utime + stime) around the call phase; the
# baseline measured in the same run is SIPp's own CPU over the same calls (it builds, sends,
# parses and matches the same messages), printed as a ratio beside it. Last line always:
#   signalling: R registrations/s, C calls/s, F failed, X cpu-ms per call
#
# Needs: the .NET SDK and sipp (Debian package sip-tester). Runs in about two minutes.
# Environment: REG_COUNT, REG_RATE, CALLS, CALL_RATE, TALK_MS, SIP_PORT (26060), KEEP=1 keeps the
# work folder (service log, SIPp screens and errors).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

reg_count=${REG_COUNT:-2000}
reg_rate=${REG_RATE:-200}
calls=${CALLS:-1000}
call_rate=${CALL_RATE:-100}
talk_ms=${TALK_MS:-200}
sip_port=${SIP_PORT:-26060}
extensions=500
register_port=$((sip_port + 2))
contact_port=$((sip_port + 4))
caller_port=$((sip_port + 6))
scenarios=$repo/tests/Appliance.Service.Tests/Scenarios

command -v sipp >/dev/null || { echo "signalling.sh: sipp is missing (apt-get install sip-tester)" >&2; exit 2; }

echo "signalling.sh: building the service (Release)"
dotnet build firmware/Appliance.Service -c Release -nologo -v:q >/dev/null
dll=$repo/firmware/Appliance.Service/bin/Release/net10.0/sparklecc.dll

work=$(mktemp -d /tmp/sparklecc-signalling-XXXXXX)
service_pid=""
cleanup() {
    if [ -n "$service_pid" ]; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-}" = "1" ]; then
        echo "signalling.sh: work folder kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# utime + stime of a live process in milliseconds (proc(5) fields 14 and 15, counted after the
# parenthesised command name, which may hold spaces).
cpu_ms() {
    sed 's/^.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($12 + $13) * 1000 / hz }'
}

now_ms() {
    date +%s%3N
}

# "Successful call" or "Failed call" from the cumulative column of a SIPp final screen.
sipp_count() {
    awk -F'|' -v name="$2" '$1 ~ name { v = $3 } END { print v + 0 }' "$1"
}

# Runs SIPp under time(1)'s user+system clock; writes its CPU ms to $work/<name>.cpu.
timed_sipp() {
    local name=$1
    shift
    TIMEFORMAT='%3U %3S'
    { time sipp "$@" >"$work/$name.screen.log" 2>&1 || true; } 2>"$work/$name.time"
    awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$work/$name.time" >"$work/$name.cpu"
}

echo "signalling.sh: starting the service on 127.0.0.1:$sip_port with $extensions extensions"
(cd "$work" && exec dotnet "$dll" --Sip:BindAddress=127.0.0.1 --Sip:Port="$sip_port" \
    --Rtp:PortMin=22000 --Rtp:PortMax=23999 --Appliance:DataDirectory="$work/data" \
    --Web:HttpsPort=0 --Web:HttpPort=0 --Demo:Extensions="$extensions" >"$work/service.log" 2>&1) &
service_pid=$!
for _ in $(seq 1 300); do
    grep -q "listening for SIP" "$work/service.log" && break
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.2
done
grep -q "listening for SIP" "$work/service.log" || { echo "signalling.sh: service not ready" >&2; exit 1; }
sleep 2

{
    echo SEQUENTIAL
    for ext in $(seq 1001 $((1000 + extensions))); do
        echo "$ext;sparkle-$ext;[authentication username=$ext password=sparkle-$ext]"
    done
} >"$work/extensions.csv"

echo "signalling.sh: $reg_count registrations at $reg_rate/s"
start=$(now_ms)
timed_sipp register "127.0.0.1:$sip_port" -sf "$scenarios/agents-register.xml" -inf "$work/extensions.csv" \
    -key contact_port "$contact_port" -i 127.0.0.1 -p "$register_port" -bind_local \
    -m "$reg_count" -r "$reg_rate" -l 1000 -nostdin -timeout $((reg_count / reg_rate + 60)) \
    -trace_err -error_file "$work/register.errors.log"
reg_wall=$(( $(now_ms) - start ))
registered=$(sipp_count "$work/register.screen.log" "Successful call")
reg_failed=$((reg_count - registered))
echo "signalling.sh: $registered of $reg_count registrations in $reg_wall ms"

echo "signalling.sh: $calls calls at $call_rate/s, BYE after $talk_ms ms"
service_before=$(cpu_ms "$service_pid")
start=$(now_ms)
timed_sipp callers "127.0.0.1:$sip_port" -sf "$scenarios/sip/caller-hangs-up.xml" -s 100 \
    -set talk "$talk_ms" -i 127.0.0.1 -p "$caller_port" -mp 18000 -bind_local \
    -m "$calls" -r "$call_rate" -l $((calls + 50)) -nostdin -timeout $((calls / call_rate + 60)) \
    -trace_err -error_file "$work/callers.errors.log"
call_wall=$(( $(now_ms) - start ))
service_ms=$(( $(cpu_ms "$service_pid") - service_before ))
sipp_ms=$(cat "$work/callers.cpu")
completed=$(sipp_count "$work/callers.screen.log" "Successful call")
call_failed=$((calls - completed))
echo "signalling.sh: $completed of $calls calls in $call_wall ms (each ends with a 4 s timewait in SIPp)"

for peer in register callers; do
    if [ -s "$work/$peer.errors.log" ]; then
        echo "signalling.sh: first unexpected messages of the $peer:"
        head -5 "$work/$peer.errors.log"
    fi
done
problems=$(grep -cE '^\[[0-9:]+ (WRN|ERR|FTL)\]' "$work/service.log" || true)
echo "signalling.sh: service log: $problems warnings and errors"
grep -E '^\[[0-9:]+ (WRN|ERR|FTL)\]' "$work/service.log" | sed -E 's/^\[[0-9:]+ //; s/[0-9a-f]{8,}|[0-9]+/N/g' \
    | sort | uniq -c | sort -rn | head -5 || true

# The call phase's wall time includes SIPp's closing timewait of the last call; take it out.
busy_ms=$(( call_wall - talk_ms - 4000 ))
[ "$busy_ms" -gt 0 ] || busy_ms=$call_wall
awk -v s="$service_ms" -v p="$sipp_ms" -v n="$completed" 'BEGIN {
    if (n > 0) {
        printf "signalling.sh: CPU per call: service %.2f ms, SIPp %.2f ms (baseline); service/SIPp %.2f\n",
            s / n, p / n, (p > 0 ? s / p : 0)
    }
}'
awk -v r="$registered" -v rw="$reg_wall" -v c="$completed" -v cw="$busy_ms" -v f="$((reg_failed + call_failed))" \
    -v s="$service_ms" 'BEGIN {
    printf "signalling: %.0f registrations/s, %.0f calls/s, %d failed, %.2f cpu-ms per call\n",
        (rw > 0 ? r * 1000 / rw : 0), (cw > 0 ? c * 1000 / cw : 0), f, (c > 0 ? s / c : 0)
}'
