namespace Appliance.CallCenter.Dialer;

/// <summary>
/// A call the controller asks telephony to place. <paramref name="AgentId"/> is set when the call
/// already has its agent (preview, or a call-back for a named agent); otherwise the agent is
/// chosen when it is answered. Telephony reports back with the call id.
/// </summary>
public sealed record DialRequest(
    string CallId,
    string ContactId,
    string PhoneNumber,
    string CallerId,
    string TrunkGroup,
    string? AgentId);
