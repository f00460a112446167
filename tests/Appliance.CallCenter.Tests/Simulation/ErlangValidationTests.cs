using System.Globalization;
using System.Text;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Forecasting;
using Appliance.CallCenter.Queues;
using Appliance.RoutingSimulation;
using Xunit.Abstractions;

namespace Appliance.CallCenter.Tests.Simulation;

/// <summary>
/// The real distributor, driven by the discrete-event simulation on a fake clock, against the
/// theory: a single-skill queue must show Erlang C's probability of waiting, average speed of
/// answer and service level, and with impatient callers Erlang A's abandonment. The tolerance is
/// statistical: four standard errors from the batch means, plus a small allowance.
/// </summary>
public sealed class ErlangValidationTests
{
    private readonly ITestOutputHelper _output;

    public ErlangValidationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<int, double, int, int> ErlangCCases => new()
    {
        { 10, 8, 180, 20 },
        { 5, 3, 120, 20 },
        { 20, 17, 240, 30 },
        { 2, 1, 60, 10 },
    };

    [Theory]
    [MemberData(nameof(ErlangCCases))]
    public void ASingleSkillQueueWaitsAsErlangCSays(int agents, double load, int handleSeconds, int targetSeconds)
    {
        var handleTime = TimeSpan.FromSeconds(handleSeconds);
        var target = TimeSpan.FromSeconds(targetSeconds);
        var scenario = SingleQueue(agents, load, handleTime, target, patience: null, calls: 40_000);

        var queue = RoutingSimulation.RoutingSimulation.Run(scenario).Queues[0];

        var table = new Table(_output, $"{agents} agents, {load} Erlangs, AHT {handleSeconds} s, target {targetSeconds} s, {queue.Offered} calls");
        table.Check(
            "P(wait)",
            ErlangC.ProbabilityOfWaiting(agents, load),
            queue.ProbabilityOfWaiting,
            queue.StandardError(b => (double)b.Waited / b.Offered),
            allowance: 0.005);
        table.Check(
            "ASA s",
            ErlangC.AverageSpeedOfAnswer(agents, load, handleTime).TotalSeconds,
            queue.AverageSpeedOfAnswerSeconds,
            queue.StandardError(b => b.AnsweredWaitSeconds / b.Answered),
            allowance: 0.02 * handleSeconds / 10);
        table.Check(
            "SL",
            ErlangC.ServiceLevel(agents, load, handleTime, target),
            queue.ServiceLevel,
            queue.StandardError(b => (double)b.WithinTarget / b.Offered),
            allowance: 0.005);
        table.AssertAll();
    }

    [Fact]
    public void ImpatientCallersAbandonAsErlangASays()
    {
        var handleTime = TimeSpan.FromSeconds(180);
        var patience = TimeSpan.FromSeconds(120);
        var scenario = SingleQueue(10, 10, handleTime, TimeSpan.FromSeconds(20), patience, calls: 40_000);

        var queue = RoutingSimulation.RoutingSimulation.Run(scenario).Queues[0];

        var theory = ErlangA.Solve(10, 10, handleTime, patience);
        var table = new Table(_output, $"10 agents, 10 Erlangs, AHT 180 s, patience 120 s, {queue.Offered} calls");
        table.Check(
            "P(abandon)",
            theory.ProbabilityOfAbandon,
            queue.ProbabilityOfAbandon,
            queue.StandardError(b => (double)b.Abandoned / b.Offered),
            allowance: 0.005);
        table.Check(
            "P(wait)",
            theory.ProbabilityOfWaiting,
            queue.ProbabilityOfWaiting,
            queue.StandardError(b => (double)b.Waited / b.Offered),
            allowance: 0.005);
        table.AssertAll();
    }

    private static SimulationScenario SingleQueue(
        int agents,
        double load,
        TimeSpan handleTime,
        TimeSpan target,
        TimeSpan? patience,
        int calls)
    {
        var perHour = load * 3600 / handleTime.TotalSeconds;
        return new SimulationScenario
        {
            Queues = [new QueueDefinition("q", QueueStrategy.LongestIdle, TimeSpan.FromSeconds(15), null) { ServiceLevelTarget = target }],
            Agents = [.. Enumerable.Range(1, agents).Select(i => new AgentDefinition($"a{i}", ["q"]))],
            ArrivalsPerHour = new Dictionary<string, double> { ["q"] = perHour },
            HandleTime = handleTime,
            Patience = patience,
            WarmUp = TimeSpan.FromTicks(handleTime.Ticks * 20),
            Duration = TimeSpan.FromHours(calls / perHour),
            Batches = 20,
            Seed = agents * 1000 + (int)load,
        };
    }

    /// <summary>Prints offered load, agents, theory and simulation side by side, then asserts.</summary>
    private sealed class Table
    {
        private readonly ITestOutputHelper _output;
        private readonly List<string> _failures = [];

        public Table(ITestOutputHelper output, string title)
        {
            _output = output;
            _output.WriteLine(title);
            _output.WriteLine("  figure       theory  simulated   std.err  tolerance");
        }

        public void Check(string figure, double theory, double simulated, double standardError, double allowance)
        {
            var tolerance = 4 * standardError + allowance;
            var line = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"  {figure,-10} {theory,8:F4} {simulated,10:F4} {standardError,9:F4} {tolerance,10:F4}")
                .ToString();
            _output.WriteLine(line);
            if (Math.Abs(theory - simulated) > tolerance)
            {
                _failures.Add(line);
            }
        }

        public void AssertAll() => Assert.True(_failures.Count == 0, "Outside tolerance:\n" + string.Join('\n', _failures));
    }
}
