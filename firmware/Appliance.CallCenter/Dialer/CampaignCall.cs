namespace Appliance.CallCenter.Dialer;

/// <summary>One outbound call in progress (mutated under the controller's lock).</summary>
internal sealed class CampaignCall(string id, Contact contact, string? agentId, DateTimeOffset dialedUtc)
{
    public string Id { get; } = id;

    public Contact Contact { get; } = contact;

    /// <summary>The agent the call was placed for, or the one it was connected to once answered.</summary>
    public string? AgentId { get; set; } = agentId;

    /// <summary>
    /// True when pacing placed it without an agent (so it counts as in progress for pacing).
    /// </summary>
    public bool Paced { get; } = agentId is null;

    public DateTimeOffset DialedUtc { get; } = dialedUtc;

    /// <summary>When the contact answered, if it found no agent free and waits for one.</summary>
    public DateTimeOffset? HeldUtc { get; set; }

    /// <summary>When the call was connected to its agent.</summary>
    public DateTimeOffset? AnsweredUtc { get; set; }

    public DateTimeOffset? EndedUtc { get; set; }
}
