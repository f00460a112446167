namespace Appliance.CallCenter.Routing;

/// <summary>One step of a call through a queue, raised by the distributor as it happens.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="CallId">The call.</param>
/// <param name="Queue">The queue it happened in.</param>
/// <param name="AgentId">The agent on Answered and Completed; null otherwise.</param>
/// <param name="AtUtc">When, from the distributor's clock.</param>
/// <param name="Duration">The wait in the queue, or the talk time on Completed; zero on Queued.</param>
public sealed record AcdCallEvent(
    AcdCallEventKind Kind,
    string CallId,
    string Queue,
    string? AgentId,
    DateTimeOffset AtUtc,
    TimeSpan Duration);
