#!/usr/bin/env bash
# Media benchmark: CALLS concurrent calls (default 100) on loopback for DURATION seconds (default 20),
# each a caller and an agent peer sending 20 ms PCMU packets both ways from a load generator in
# the same process. First through a minimal relay baseline (two sockets per call, every datagram
# forwarded as it came), then through the real Appliance.Media engine: two RtpEndpoints with
# jitter buffers, a MediaBridge and a stereo WAV recording per call. CPU is the process's CPU
# time over the measured seconds (after one second of warm-up), divided by calls x seconds; the
# generator's own cost is in both figures, so the ratio understates the engine's share.
# The last line is always
#   media: N calls, C cpu-ms per call-second, baseline B cpu-ms per call-second, ratio R
# Environment: CALLS (100), DURATION (20). Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "media.sh: building the benchmarks (Release)" >&2
dotnet build tools/bench/Appliance.Benchmarks -c Release -nologo -v:q >/dev/null
dotnet tools/bench/Appliance.Benchmarks/bin/Release/net10.0/Appliance.Benchmarks.dll \
    media-load "${CALLS:-100}" "${DURATION:-20}"
