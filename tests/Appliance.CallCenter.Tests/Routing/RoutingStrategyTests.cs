using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.CallCenter.Tests.Routing;

public sealed class RoutingStrategyTests
{
    private static AcdHarness ThreeAgents(QueueStrategy strategy)
        => AcdHarness.With(
            [AcdHarness.Queue("q", strategy)],
            [AcdHarness.Agent("a1", "q"), AcdHarness.Agent("a2", "q"), AcdHarness.Agent("a3", "q")])
            .LogIn("a3", "a1", "a2");

    /// <summary>Answers, talks for <paramref name="talk"/> and hangs up each offered call in turn.</summary>
    private static List<string> Serve(AcdHarness h, int calls, Func<string, TimeSpan>? talk = null)
    {
        var served = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            h.ClearEvents();
            h.Acd.Enqueue($"c{i}", "q");
            var agent = h.Events[0].Split(' ')[2];
            served.Add(agent);
            Assert.True(h.Acd.OfferAnswered($"c{i}", agent));
            h.Time.Advance(talk?.Invoke(agent) ?? TimeSpan.FromSeconds(10));
            h.Acd.CallEnded($"c{i}", agent);
        }

        return served;
    }

    [Fact]
    public void LongestIdleRingsAgentsInTheOrderTheyBecameIdle()
    {
        using var h = ThreeAgents(QueueStrategy.LongestIdle);

        Assert.Equal(["a3", "a1", "a2", "a3"], Serve(h, 4));
    }

    [Fact]
    public void RoundRobinRemembersWhereItStoppedInConfigurationOrder()
    {
        using var h = ThreeAgents(QueueStrategy.RoundRobin);

        Assert.Equal(["a1", "a2", "a3", "a1", "a2"], Serve(h, 5));
    }

    [Fact]
    public void LinearAlwaysRingsTheFirstIdleAgentInConfigurationOrder()
    {
        using var h = ThreeAgents(QueueStrategy.Linear);

        Assert.Equal(["a1", "a1", "a1"], Serve(h, 3));
    }

    [Fact]
    public void FewestCallsRingsTheAgentThatAnsweredTheFewest()
    {
        using var h = ThreeAgents(QueueStrategy.FewestCalls);

        var served = Serve(h, 6);

        Assert.Equal(2, served.Count(a => a == "a1"));
        Assert.Equal(2, served.Count(a => a == "a2"));
        Assert.Equal(2, served.Count(a => a == "a3"));
    }

    [Fact]
    public void LeastTalkTimeRingsTheAgentWithTheLeastTalkTime()
    {
        using var h = ThreeAgents(QueueStrategy.LeastTalkTime);

        var served = Serve(h, 4, agent => agent == "a3" ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(10));

        Assert.Equal(["a3", "a1", "a2", "a1"], served);
    }

    [Fact]
    public void RandomSpreadsCallsOverEveryAgent()
    {
        using var h = ThreeAgents(QueueStrategy.Random);

        var served = Serve(h, 60);

        Assert.All(["a1", "a2", "a3"], agent => Assert.InRange(served.Count(a => a == agent), 8, 40));
    }

    [Fact]
    public void RingAllRingsEveryIdleAgentAndWithdrawsTheOthersOnAnswer()
    {
        using var h = ThreeAgents(QueueStrategy.RingAll);
        h.Acd.Enqueue("c1", "q");

        h.Acd.OfferAnswered("c1", "a2");

        Assert.Equal(
            [
                "offer c1 a1", "offer c1 a2", "offer c1 a3",
                "withdraw c1 a1 AnsweredElsewhere", "withdraw c1 a3 AnsweredElsewhere",
            ],
            h.Events);
        Assert.Equal(AgentState.Idle, h.Acd.GetAgentState("a1"));
    }

    [Fact]
    public void SkillsBestMatchRingsTheHighestLevelAndSkipsAgentsBelowTheRequiredLevel()
    {
        using var h = AcdHarness.With(
            [AcdHarness.Queue("q", QueueStrategy.SkillsBestMatch) with { RequiredSkill = "fr", RequiredLevel = 5 }],
            [
                Skilled("novice", 2),
                Skilled("good", 6),
                Skilled("expert", 9),
            ]).LogIn("novice", "good", "expert");
        h.Acd.Enqueue("c1", "q");
        h.Acd.OfferAnswered("c1", "expert");

        h.Acd.Enqueue("c2", "q");
        h.Acd.OfferAnswered("c2", "good");
        h.Acd.Enqueue("c3", "q");

        Assert.Equal(["offer c1 expert", "offer c2 good"], h.Events);
    }

    [Fact]
    public void TheRequiredLevelWidensAsTheCallWaits()
    {
        using var h = AcdHarness.With(
            [
                AcdHarness.Queue("q", QueueStrategy.SkillsBestMatch) with
                {
                    RequiredSkill = "fr",
                    RequiredLevel = 8,
                    WidenLevelEvery = TimeSpan.FromSeconds(10),
                },
            ],
            [Skilled("novice", 5)]).LogIn("novice");

        h.Acd.Enqueue("c1", "q");
        h.Time.Advance(TimeSpan.FromSeconds(29));
        var before = h.Events;
        h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(before);
        Assert.Equal(["offer c1 novice"], h.Events);
    }

    [Fact]
    public void ACallsOwnSkillRequirementReplacesTheQueues()
    {
        using var h = AcdHarness.With(
            [AcdHarness.Queue("q", QueueStrategy.LongestIdle)],
            [Skilled("english", 0), Skilled("french", 7)]).LogIn("english", "french");

        h.Acd.Enqueue("c1", "q", new CallRequirements(Skill: "fr", Level: 3));

        Assert.Equal(["offer c1 french"], h.Events);
    }

    [Fact]
    public void AHigherPriorityCallIsServedBeforeOlderCalls()
    {
        using var h = AcdHarness.With([AcdHarness.Queue("q")], [AcdHarness.Agent("a1", "q")]).LogIn("a1");
        h.Acd.Enqueue("first", "q");
        h.Acd.OfferAnswered("first", "a1");
        h.Acd.Enqueue("old", "q");
        h.Acd.Enqueue("vip", "q", new CallRequirements(Priority: 5));

        var vipPosition = h.Acd.PositionOf("vip");
        h.Acd.CallEnded("first", "a1");

        Assert.Equal(1, vipPosition);
        Assert.Equal(2, h.Acd.PositionOf("old"));
        Assert.Equal("offer vip a1", h.Events[^1]);
    }

    private static AgentDefinition Skilled(string id, int french)
        => AcdHarness.Agent(id, "q") with
        {
            Skills = french == 0
                ? new Dictionary<string, int> { ["en"] = 5 }
                : new Dictionary<string, int> { ["fr"] = french },
        };
}
