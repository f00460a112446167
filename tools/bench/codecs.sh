#!/usr/bin/env bash
# Cost of carrying one 20 ms packet across a bridge per codec pair, against the relay baseline
# (payload copied behind a new header) measured in the same run: G.711 decoded and re-encoded,
# G.722 and Opus to and from PCMU (tools/bench/Appliance.Benchmarks/Media/Codecs). A call is two
# directions of 50 packets a second. BenchmarkDotNet prints Mean, Ratio and Allocated per row.
# Needs: the .NET SDK. Runs in about three minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tools/bench/Appliance.Benchmarks -- \
    --filter '*TranscodingBenchmarks*' --inProcess --warmupCount 3 --iterationCount 5 "$@"
