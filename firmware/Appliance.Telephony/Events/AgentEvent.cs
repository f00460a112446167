namespace Appliance.Telephony.Events;

/// <summary>
/// An agent's presence changed: a phone registered or went away, or the agent said ready or
/// not ready. The ACD offers calls only to an agent that is both registered and ready.
/// </summary>
/// <param name="AgentId">The agent (its extension number).</param>
/// <param name="Registered">At least one of its phones is registered.</param>
/// <param name="Ready">The agent accepts calls; false after "not ready".</param>
/// <param name="Reason">Why the agent is not ready (break, lunch...), or null.</param>
/// <param name="AtUtc">When it changed.</param>
public sealed record AgentEvent(
    string AgentId,
    bool Registered,
    bool Ready,
    string? Reason,
    DateTimeOffset AtUtc);
