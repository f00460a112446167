namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Where an answered call goes: to <paramref name="AgentId"/>; or, when that is null, to the
/// recorded <paramref name="AbandonPrompt"/> and then hang-up (the call counts as abandoned);
/// or, when <paramref name="IsHeld"/>, nowhere yet: the contact waits up to
/// <see cref="Campaign.AbandonHold"/> for an agent, and the outcome comes later through
/// <see cref="CampaignController.HeldCallRouted"/>.
/// </summary>
public readonly record struct AnswerRouting(
    string CallId,
    string? AgentId,
    string? AbandonPrompt,
    bool IsHeld = false)
{
    public bool IsAbandoned => AgentId is null && !IsHeld;
}
