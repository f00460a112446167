namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Where an answered call goes: to <paramref name="AgentId"/>, or, when that is null, to the
/// recorded <paramref name="AbandonPrompt"/> and then hang-up (the call counts as abandoned).
/// </summary>
public readonly record struct AnswerRouting(string CallId, string? AgentId, string? AbandonPrompt)
{
    public bool IsAbandoned => AgentId is null;
}
