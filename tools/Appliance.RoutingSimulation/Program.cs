using System.Diagnostics;
using System.Globalization;
using Appliance.RoutingSimulation;

// The routing benchmark: a small centre first (the baseline, which also warms the JIT), then the
// large one, each for a simulated hour of peak traffic at 90 % occupancy. Arguments: agents,
// queues, seed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var agents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var queues = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
var hour = TimeSpan.FromHours(1);

var baseline = RoutingSimulation.Run(CentreModel.Build(50, 2, 0.9, hour, seed));
var (baseMedian, baseWorst, _) = Latency(baseline);
Print($"routing baseline: 50 agents, 2 queues, {baseline.DecisionTicks.Count} decisions, "
    + $"median {baseMedian:F1} us, worst {baseWorst:F1} us");

var large = RoutingSimulation.Run(CentreModel.Build(agents, queues, 0.9, hour, seed));
var (median, worst, perSecond) = Latency(large);
var answered = large.Queues.Sum(q => q.Answered);
var offered = large.Queues.Sum(q => q.Offered);
Print($"routing: {offered} calls offered, {answered} answered in the hour");
Print($"routing: median decision {median / baseMedian:F2} x the 50-agent baseline's, worst {worst / baseWorst:F2} x");
Print($"routing: {agents} agents, {queues} queues, {perSecond:F0} decisions/s, median {median:F1} us, "
    + $"worst {worst:F1} us, hour simulated in {large.Wall.TotalSeconds:F2} s");

static (double Median, double Worst, double PerSecond) Latency(SimulationResult result)
{
    var ticks = result.DecisionTicks.Order().ToArray();
    var toMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
    var total = ticks.Sum(t => (double)t) / Stopwatch.Frequency;
    Console.WriteLine($"routing: {ticks.Length} decisions, 99th percentile {ticks[ticks.Length * 99 / 100] * toMicroseconds:F1} us, "
        + $"99.9th {ticks[ticks.Length * 999 / 1000] * toMicroseconds:F1} us");
    return (ticks[ticks.Length / 2] * toMicroseconds, ticks[^1] * toMicroseconds, ticks.Length / total);
}

static void Print(string line) => Console.WriteLine(line);
