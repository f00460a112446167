using Appliance.CallCenter.Queues;
using Serilog;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// Picks the agents to ring for one waiting call by its queue's strategy, among the queue's idle
/// members. Called with the distributor's lock held; costs O(members of the queue).
/// </summary>
internal static class AgentSelection
{
    /// <summary>
    /// Fills <paramref name="picked"/> with the agents to ring: one, every eligible one for ring
    /// all, or none when no idle member may take the call now.
    /// </summary>
    public static void Pick(
        AcdCall call,
        List<AcdMembership> idle,
        DateTimeOffset now,
        Random random,
        ILogger log,
        List<AcdMembership> picked)
    {
        picked.Clear();
        var skill = call.Skill;
        var level = skill is null ? 0 : call.RequiredLevelAt(now);
        if (call.Tried.Count > 0)
        {
            StartNewRoundIfEveryoneTried(call, skill, level, log);
        }

        AcdMembership? best = null;
        var eligible = 0;
        foreach (var member in idle)
        {
            if (!IsEligible(member, call, skill, level))
            {
                continue;
            }

            eligible++;
            switch (call.Queue.Definition.Strategy)
            {
                case QueueStrategy.RingAll:
                    picked.Add(member);
                    break;
                case QueueStrategy.Random:
                    // Reservoir sampling: each eligible member ends up chosen with chance 1/n.
                    if (random.Next(eligible) == 0)
                    {
                        best = member;
                    }

                    break;
                default:
                    if (best is null || IsBetter(member, best, call, skill))
                    {
                        best = member;
                    }

                    break;
            }
        }

        if (best is not null)
        {
            picked.Add(best);
        }
    }

    private static bool IsEligible(AcdMembership member, AcdCall call, string? skill, int level)
        => !call.Tried.Contains(member.Agent)
            && (skill is null || member.Agent.Definition.LevelOf(skill) >= level);

    // The round starts again once every logged-in member that may take the call has been tried;
    // until then the call waits for an untried member rather than ring one who already missed it.
    private static void StartNewRoundIfEveryoneTried(AcdCall call, string? skill, int level, ILogger log)
    {
        foreach (var member in call.Queue.Members)
        {
            if (member.LoggedIn
                && member.Agent.IsLoggedIn
                && (skill is null || member.Agent.Definition.LevelOf(skill) >= level)
                && !call.Tried.Contains(member.Agent))
            {
                return;
            }
        }

        log.Debug("Call {CallId} in {Queue} was offered to every agent; starting a new round",
            call.CallId, call.Queue.Name);
        call.Tried.Clear();
    }

    private static bool IsBetter(AcdMembership candidate, AcdMembership best, AcdCall call, string? skill)
    {
        var a = candidate.Agent;
        var b = best.Agent;
        switch (call.Queue.Definition.Strategy)
        {
            case QueueStrategy.RoundRobin:
                var count = call.Queue.Members.Count;
                var start = call.Queue.RoundRobinNext;
                return (candidate.Index - start + count) % count < (best.Index - start + count) % count;
            case QueueStrategy.Linear:
                return candidate.Index < best.Index;
            case QueueStrategy.FewestCalls:
                return candidate.CallsAnswered != best.CallsAnswered
                    ? candidate.CallsAnswered < best.CallsAnswered
                    : a.WentIdleBefore(b);
            case QueueStrategy.LeastTalkTime:
                return candidate.TalkTime != best.TalkTime
                    ? candidate.TalkTime < best.TalkTime
                    : a.WentIdleBefore(b);
            case QueueStrategy.SkillsBestMatch:
                var levelA = SkillScore(a, skill);
                var levelB = SkillScore(b, skill);
                return levelA != levelB ? levelA > levelB : a.WentIdleBefore(b);
            default:
                return a.WentIdleBefore(b);
        }
    }

    private static int SkillScore(AcdAgent agent, string? skill)
    {
        if (skill is not null)
        {
            return agent.Definition.LevelOf(skill);
        }

        var sum = 0;
        foreach (var level in agent.Definition.Skills.Values)
        {
            sum += level;
        }

        return sum;
    }
}
