using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;

namespace Appliance.RoutingSimulation;

/// <summary>
/// Builds the benchmark's centre: every agent in a few random queues with a random level (1-10)
/// in each queue's skill; queues require level 3, widening every 10 s, and mix the strategies;
/// each queue is offered the traffic its share of agents can carry at the given occupancy.
/// </summary>
public static class CentreModel
{
    private static readonly QueueStrategy[] s_strategies =
    [
        QueueStrategy.SkillsBestMatch,
        QueueStrategy.LongestIdle,
        QueueStrategy.FewestCalls,
        QueueStrategy.RoundRobin,
    ];

    public static SimulationScenario Build(int agents, int queues, double occupancy, TimeSpan duration, int seed)
    {
        var random = new Random(seed);
        var handleTime = TimeSpan.FromSeconds(180);
        var perAgent = Math.Min(3, queues);
        var queueDefinitions = Enumerable.Range(0, queues)
            .Select(q => new QueueDefinition($"q{q}", s_strategies[q % s_strategies.Length], TimeSpan.FromSeconds(15), null)
            {
                RequiredSkill = $"s{q}",
                RequiredLevel = 3,
                WidenLevelEvery = TimeSpan.FromSeconds(10),
                WrapUp = TimeSpan.FromSeconds(5),
            })
            .ToList();
        var members = new double[queues];
        var agentDefinitions = new List<AgentDefinition>(agents);
        for (var a = 0; a < agents; a++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < perAgent)
            {
                chosen.Add(random.Next(queues));
            }

            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var q in chosen)
            {
                skills[$"s{q}"] = random.Next(1, 11);
                members[q] += 1.0 / perAgent;
            }

            agentDefinitions.Add(new AgentDefinition($"a{a}", [.. chosen.Select(q => $"q{q}")]) { Skills = skills });
        }

        var arrivals = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var q = 0; q < queues; q++)
        {
            arrivals[$"q{q}"] = occupancy * members[q] * 3600 / handleTime.TotalSeconds;
        }

        return new SimulationScenario
        {
            Queues = queueDefinitions,
            Agents = agentDefinitions,
            ArrivalsPerHour = arrivals,
            HandleTime = handleTime,
            Patience = TimeSpan.FromSeconds(90),
            Duration = duration,
            WarmUp = TimeSpan.Zero,
            Batches = 1,
            Seed = seed,
            MeasureLatency = true,
        };
    }
}
