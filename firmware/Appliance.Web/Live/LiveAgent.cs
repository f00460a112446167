namespace Appliance.Web.Live;

/// <summary>An agent and where it stands.</summary>
/// <param name="AgentId">The agent (its extension).</param>
/// <param name="State">logged-out (no phone registered), not-ready, ready, ringing, busy or
/// wrap-up.</param>
/// <param name="Reason">The not-ready reason, or null.</param>
/// <param name="SinceUtc">When it entered <paramref name="State"/>.</param>
/// <param name="CallId">The call ringing or talking, or null.</param>
public sealed record LiveAgent(
    string AgentId,
    string State,
    string? Reason,
    DateTimeOffset SinceUtc,
    string? CallId);
