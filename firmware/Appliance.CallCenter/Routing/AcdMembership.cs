namespace Appliance.CallCenter.Routing;

/// <summary>
/// One agent in one queue: whether it is logged in there and its counters for the fewest-calls
/// and least-talk-time strategies. Only touched while the distributor's lock is held.
/// </summary>
internal sealed class AcdMembership
{
    public AcdMembership(AcdAgent agent, AcdQueue queue, int index)
    {
        Agent = agent;
        Queue = queue;
        Index = index;
    }

    public AcdAgent Agent { get; }

    public AcdQueue Queue { get; }

    /// <summary>Position among the queue's members: the order of linear and round robin.</summary>
    public int Index { get; }

    public bool LoggedIn { get; set; } = true;

    public int CallsAnswered { get; set; }

    public TimeSpan TalkTime { get; set; }
}
