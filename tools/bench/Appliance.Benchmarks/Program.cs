using System.Globalization;
using Appliance.Benchmarks.Media;
using BenchmarkDotNet.Running;

// `media-load <calls> <seconds>` is the load run of tools/bench/media.sh; anything else runs the
// benchmarks named on the command line, for example `--filter *Parser*`.
if (args is ["media-load", var calls, var seconds])
{
    return await MediaLoad.RunAsync(
        int.Parse(calls, CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(int.Parse(seconds, CultureInfo.InvariantCulture)));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
