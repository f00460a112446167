namespace Appliance.CallCenter.Dialer;

/// <summary>
/// The state a pacing decision is taken on, gathered by the controller under its lock.
/// </summary>
/// <param name="NowUtc">The controller's clock.</param>
/// <param name="AgentsReady">Agents free now with nothing reserved for them.</param>
/// <param name="CallsRinging">How long each call dialled by pacing has been in progress (not yet
/// answered or failed); each will take a ready agent if answered. Calls placed for their
/// agent (preview, call-back) are not listed.</param>
/// <param name="BusyAgents">Every other logged-in agent of the campaign.</param>
/// <param name="CallsHeld">Answered calls waiting for an agent (<see cref="Campaign.AbandonHold"/>);
/// each takes the next agent free.</param>
public readonly record struct PacingSnapshot(
    DateTimeOffset NowUtc,
    int AgentsReady,
    IReadOnlyList<TimeSpan> CallsRinging,
    IReadOnlyList<AgentActivity> BusyAgents,
    int CallsHeld = 0)
{
    /// <summary>The number of <see cref="CallsRinging"/>.</summary>
    public int CallsInProgress => CallsRinging.Count;
}
