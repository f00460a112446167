namespace Appliance.CallCenter.Dialer;

/// <summary>
/// What pacing asks for now: <paramref name="CallsToDial"/> new calls to place without an agent,
/// and <paramref name="ContactsToPreview"/> ready agents to hand a contact for preview. Both
/// are additions to what is already in progress, never negative.
/// </summary>
public readonly record struct PacingDecision(int CallsToDial, int ContactsToPreview)
{
    public static PacingDecision None => default;

    public static PacingDecision Dial(int calls) => new(Math.Max(0, calls), 0);
}
