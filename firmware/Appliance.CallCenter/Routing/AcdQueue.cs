using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The distributor's runtime view of one queue: its members in configuration order and its
/// waiting calls in service order, so a routing decision looks at this queue's members only.
/// Only touched while the distributor's lock is held.
/// </summary>
internal sealed class AcdQueue
{
    public AcdQueue(QueueDefinition definition)
    {
        Definition = definition;
    }

    /// <summary>Replaced when an administrator changes the queue; calls in it stay.</summary>
    public QueueDefinition Definition { get; set; }

    public string Name => Definition.Name;

    public List<AcdMembership> Members { get; } = [];

    /// <summary>Unanswered calls, highest priority first, then by arrival; ringing ones stay in place.</summary>
    public SortedSet<AcdCall> Waiting { get; } = new(AcdCall.ServiceOrder);

    /// <summary>Where round robin looks first: one past the member offered the last call.</summary>
    public int RoundRobinNext { get; set; }
}
