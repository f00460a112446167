namespace Appliance.CallCenter.Dialer;

/// <summary>The controller's record of one logged-in agent (mutated under the controller's lock).</summary>
internal sealed class CampaignAgent(string id, DateTimeOffset since)
{
    public string Id { get; } = id;

    /// <summary>Null while ready; otherwise what the agent is busy with.</summary>
    public AgentPhase? Phase { get; set; }

    /// <summary>When the current phase (or readiness) began.</summary>
    public DateTimeOffset Since { get; set; } = since;

    public string? CallId { get; set; }

    public Contact? PreviewContact { get; set; }
}
