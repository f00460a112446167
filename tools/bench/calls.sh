#!/usr/bin/env bash
# Benchmark of the whole call path: CALLS callers (default 200) at RATE calls/s (default 10) on the
# loopback trunk dial DID 100, press 1 in the IVR (RFC 4733), go to queue "sales", are answered at
# once by one of AGENTS auto-answering agents (default 150), talk TALK_MS (default 10000) with RTP
# both ways (440 Hz from the caller, 1000 Hz from the agent) and the agent hangs up.
#
# Three SIPp processes play the world: one registration client that registers every extension
# 1001..1000+AGENTS from an injection file (agents-register.xml says why each line carries an
# [authentication] keyword beside user and password), all with the Contact at the port of one
# SIPp UAS that answers every agent call (agent-answers-hangs-up.xml); and the callers
# (caller-until-bye.xml).
# The service seeds that many extensions with --Demo:Extensions. An agent is busy about
# TALK_MS + 0.5 s per call, so RATE * that many agents keep the queue empty; the default leaves
# a margin of half again.
#
# The service's CPU time comes from /proc/<pid>/stat (utime + stime) before and after the callers.
# House rule: figures are ratios against a baseline from the same run, because these machines
# are noisy. Two baselines are printed beside the service's figure: the CPU of the SIPp peers
# over the same calls (they send and receive the same RTP and SIP, so a slow or busy machine
# slows both), and the service's own idle CPU (media clock, timers) measured thread by thread for
# IDLE_S seconds before the calls and scaled to the run's wall time. The last line is always
#   calls: N completed, F failed, C cpu-ms per call
#
# Needs: the .NET SDK, sipp (Debian package sip-tester; tools/test.sh installs it), sqlite3 for
# the CDR summary (skipped without it), root (SIPp plays the DTMF pcap through a raw socket).
# Environment: CALLS, RATE, TALK_MS, AGENTS (1-999), IDLE_S (5), SIP_PORT (25060),
# KEEP=1 keeps the work folder (service log, SIPp logs, database, recordings).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

calls=${CALLS:-200}
rate=${RATE:-10}
talk_ms=${TALK_MS:-10000}
agents=${AGENTS:-150}
idle_s=${IDLE_S:-5}
sip_port=${SIP_PORT:-25060}
agent_port=$((sip_port + 2))
register_port=$((sip_port + 4))
caller_port=$((sip_port + 6))
scenarios=$repo/tests/Appliance.Service.Tests/Scenarios

command -v sipp >/dev/null || { echo "calls.sh: sipp is missing (apt-get install sip-tester)" >&2; exit 2; }
if [ "$agents" -lt 1 ] || [ "$agents" -gt 999 ]; then
    echo "calls.sh: AGENTS must be 1-999 (the service seeds at most 999 extensions)" >&2
    exit 2
fi

echo "calls.sh: building the service (Release)"
dotnet build firmware/Appliance.Service -c Release -nologo -v:q >/dev/null
dll=$repo/firmware/Appliance.Service/bin/Release/net10.0/sparklecc.dll

work=$(mktemp -d /tmp/sparklecc-bench-XXXXXX)
agents_pid=""
service_pid=""
cleanup() {
    if [ -n "$agents_pid" ] && kill -0 "$agents_pid" 2>/dev/null; then
        kill "$agents_pid" 2>/dev/null || true
        wait "$agents_pid" 2>/dev/null || true
    fi
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

# utime + stime of a live process in milliseconds (proc(5): fields 14 and 15, counted after the
# parenthesised command name, which may hold spaces; all threads, live and exited, included).
cpu_ms() {
    sed 's/^.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($12 + $13) * 1000 / hz }'
}

# Time on CPU of each live thread of a process, "tid nanoseconds" per line, from
# /proc/<pid>/task/<tid>/schedstat (field 1): finer than the 10 ms ticks of stat, so the idle
# service can be measured over a few seconds.
thread_ns() {
    for task in /proc/"$1"/task/*; do
        read -r ns _ <"$task/schedstat" 2>/dev/null && echo "${task##*/} $ns"
    done
}

# Microseconds on CPU between two thread_ns snapshots, thread by thread: a thread pool thread that
# retires in between would otherwise take its whole past with it. Such a thread was idle anyway.
thread_us_between() {
    awk 'NR == FNR { before[$1] = $2; next } { s += $2 - before[$1] } END { printf "%.0f", s / 1000 }' "$1" "$2"
}

now_ms() {
    date +%s%3N
}

# "Successful call" or "Failed call" from the cumulative column of a SIPp final screen.
sipp_count() {
    awk -F'|' -v name="$2" '$1 ~ name { v = $3 } END { print v + 0 }' "$1"
}

echo "calls.sh: starting the service on 127.0.0.1:$sip_port with $agents extensions (data in $work/data)"
(cd "$work" && exec dotnet "$dll" --Sip:BindAddress=127.0.0.1 --Sip:Port="$sip_port" \
    --Rtp:PortMin=20000 --Rtp:PortMax=21999 --Appliance:DataDirectory="$work/data" \
    --Demo:Extensions="$agents" >"$work/service.log" 2>&1) &
service_pid=$!
for _ in $(seq 1 150); do
    grep -q "listening for SIP" "$work/service.log" && break
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 0.2
done
grep -q "listening for SIP" "$work/service.log" || { echo "calls.sh: service not ready" >&2; exit 1; }

cd "$scenarios"
sipp -sf agent-answers-hangs-up.xml -set talk "$talk_ms" -i 127.0.0.1 -p "$agent_port" -mp 16000 \
    -bind_local -nostdin -trace_err -error_file "$work/agents.errors.log" \
    >"$work/agents.screen.log" 2>&1 &
agents_pid=$!
sleep 0.5
kill -0 "$agents_pid" 2>/dev/null || { cat "$work/agents.screen.log" >&2; exit 1; }

{
    echo SEQUENTIAL
    for ext in $(seq 1001 $((1000 + agents))); do
        echo "$ext;sparkle-$ext;[authentication username=$ext password=sparkle-$ext]"
    done
} >"$work/agents.csv"
sipp "127.0.0.1:$sip_port" -sf agents-register.xml -inf "$work/agents.csv" -key contact_port "$agent_port" \
    -i 127.0.0.1 -p "$register_port" -bind_local -m "$agents" -r 100 -nostdin -timeout 60 -timeout_error \
    -trace_err -error_file "$work/register.errors.log" >"$work/register.screen.log" 2>&1 \
    || { echo "calls.sh: registering the agents failed" >&2; tail -20 "$work/register.screen.log" >&2; exit 1; }
registered=$(sipp_count "$work/register.screen.log" "Successful call")
echo "calls.sh: $registered of $agents agents registered, phones on port $agent_port"
[ "$registered" -eq "$agents" ] || { echo "calls.sh: not every agent registered" >&2; exit 1; }

# Baseline: the idle service (all agents registered, no call) for IDLE_S seconds.
sleep 1
thread_ns "$service_pid" >"$work/idle.before"
idle_start=$(now_ms)
sleep "$idle_s"
thread_ns "$service_pid" >"$work/idle.after"
idle_wall=$(( $(now_ms) - idle_start ))
idle_us=$(thread_us_between "$work/idle.before" "$work/idle.after")

timeout_s=$(( calls / rate + talk_ms / 1000 + 60 ))
echo "calls.sh: $calls calls at $rate calls/s, $talk_ms ms talk each (SIPp gives up after $timeout_s s)"
service_before=$(cpu_ms "$service_pid")
agents_before=$(cpu_ms "$agents_pid")
start=$(now_ms)
TIMEFORMAT='%3U %3S'
{
    time sipp "127.0.0.1:$sip_port" -sf caller-until-bye.xml -s 100 -i 127.0.0.1 -p "$caller_port" \
        -mp 17000 -bind_local -r "$rate" -m "$calls" -l $((calls + 50)) -nostdin -timeout "$timeout_s" \
        -trace_err -error_file "$work/callers.errors.log" >"$work/callers.screen.log" 2>&1 || true
} 2>"$work/callers.time"
wall_ms=$(( $(now_ms) - start ))
service_ms=$(( $(cpu_ms "$service_pid") - service_before ))
agents_ms=$(( $(cpu_ms "$agents_pid") - agents_before ))
callers_ms=$(awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$work/callers.time")

# SIGUSR1 asks SIPp to finish its calls and exit with its final screen.
kill -USR1 "$agents_pid" 2>/dev/null || true
for _ in $(seq 1 50); do
    kill -0 "$agents_pid" 2>/dev/null || break
    sleep 0.1
done
kill "$agents_pid" 2>/dev/null || true
wait "$agents_pid" 2>/dev/null || true
agents_pid=""

completed=$(sipp_count "$work/callers.screen.log" "Successful call")
sipp_failed=$(sipp_count "$work/callers.screen.log" "Failed call")
failed=$((calls - completed))
echo "calls.sh: SIPp callers: $completed successful, $sipp_failed failed," \
    "$((calls - completed - sipp_failed)) unfinished, in $((wall_ms / 1000)) s"
echo "calls.sh: SIPp agents: $(sipp_count "$work/agents.screen.log" "Successful call") successful," \
    "$(sipp_count "$work/agents.screen.log" "Failed call") failed"
for peer in callers agents; do
    if [ -s "$work/$peer.errors.log" ]; then
        echo "calls.sh: first unexpected messages of the $peer:"
        head -5 "$work/$peer.errors.log"
    fi
done

if command -v sqlite3 >/dev/null && [ -f "$work/data/appliance.db" ]; then
    echo "calls.sh: CDRs: $(sqlite3 "$work/data/appliance.db" \
        "SELECT group_concat(n || ' ' || Disposition, ', ') FROM
         (SELECT Disposition, count(*) AS n FROM Cdr GROUP BY Disposition);")," \
        "longest wait $(sqlite3 "$work/data/appliance.db" "SELECT coalesce(max(WaitSeconds), 0) FROM Cdr;") s," \
        "recordings $(find "$work/data/recordings" -name '*.wav' 2>/dev/null | wc -l)"
fi

# The service's warnings and errors, counted by kind (numbers and ids folded).
problems=$(grep -cE '^\[[0-9:]+ (WRN|ERR|FTL)\]' "$work/service.log" || true)
echo "calls.sh: service log: $problems warnings and errors"
grep -E '^\[[0-9:]+ (WRN|ERR|FTL)\]' "$work/service.log" | sed -E 's/^\[[0-9:]+ //; s/[0-9a-f]{8,}|[0-9]+/N/g' \
    | sort | uniq -c | sort -rn | head -10 || true

idle_same_wall=$(awk -v us="$idle_us" -v w="$idle_wall" -v run="$wall_ms" 'BEGIN { printf "%.0f", us / 1000 * run / w }')
sipp_ms=$((agents_ms + callers_ms))
echo "calls.sh: CPU over the $((wall_ms / 1000)) s run: service $service_ms ms," \
    "SIPp $sipp_ms ms (callers $callers_ms, agents $agents_ms)," \
    "idle service over the same wall time $idle_same_wall ms ($((idle_us / 1000)) ms in $idle_wall ms)"
awk -v s="$service_ms" -v p="$sipp_ms" -v i="$idle_same_wall" -v n="$completed" 'BEGIN {
    if (n > 0) {
        printf "calls.sh: per call: service %.1f ms, SIPp %.1f ms; service/SIPp %.2f, service/idle %.2f\n",
            s / n, p / n, (p > 0 ? s / p : 0), (i > 0 ? s / i : 0)
    }
}'
per_call=$(awk -v ms="$service_ms" -v n="$completed" 'BEGIN { printf "%.1f", (n > 0 ? ms / n : 0) }')
echo "calls: $completed completed, $failed failed, $per_call cpu-ms per call"
