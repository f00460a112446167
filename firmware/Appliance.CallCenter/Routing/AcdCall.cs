using Appliance.CallCenter.Queues;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The distributor's runtime view of one queued call, from Enqueue until it is abandoned or
/// its agent's CallEnded. Only touched while the distributor's lock is held.
/// </summary>
internal sealed class AcdCall
{
    public AcdCall(string callId, QueueDefinition queue, DateTimeOffset enqueuedUtc)
    {
        CallId = callId;
        Queue = queue;
        EnqueuedUtc = enqueuedUtc;
    }

    public string CallId { get; }

    public QueueDefinition Queue { get; }

    public DateTimeOffset EnqueuedUtc { get; }

    /// <summary>Agents offered this call in the current round.</summary>
    public HashSet<string> Tried { get; } = new(StringComparer.Ordinal);

    /// <summary>The offer ringing now, or null.</summary>
    public AcdRing? Ring { get; set; }

    /// <summary>The agent talking to the caller, or null while the call waits.</summary>
    public AcdAgent? AnsweredBy { get; set; }
}
