namespace Appliance.Web.Live;

/// <summary>
/// The outbound campaigns as the CTI API sees them: their live counters and the operator's
/// start, pause, resume and stop. The service implements it over its campaign diallers.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public interface ICampaignConsole
{
    IReadOnlyList<LiveCampaign> Campaigns { get; }

    /// <summary>
    /// Gives <paramref name="action"/> (start, pause, resume or stop) to the campaign named
    /// <paramref name="campaign"/>.
    /// </summary>
    /// <param name="campaign">The campaign's name.</param>
    /// <param name="action">start, pause, resume or stop.</param>
    /// <param name="refusal">Why the campaign's state does not allow it, when it returns false.</param>
    /// <returns>False when the campaign refused, or no campaign has that name.</returns>
    bool TryCommand(string campaign, string action, out string? refusal);

    /// <summary>
    /// Closes the wrap-up of the call to <paramref name="contactId"/> with the agent's
    /// disposition, booking a call-back at <paramref name="callbackUtc"/> when it is not null.
    /// </summary>
    /// <param name="campaign">The campaign's name.</param>
    /// <param name="contactId">The contact's id in the campaign's list.</param>
    /// <param name="code">The disposition code.</param>
    /// <param name="callbackUtc">When to call the contact back, or null to close it.</param>
    /// <param name="agentId">For an agent, their extension: only their own wrap-up is closed.
    /// Null for supervisors and tokens.</param>
    DispositionOutcome GiveDisposition(
        string campaign,
        string contactId,
        string code,
        DateTimeOffset? callbackUtc,
        string? agentId);

    /// <summary>The contacts on agents' screens in preview mode.</summary>
    /// <param name="agentId">Only this agent's, or every agent's when null.</param>
    IReadOnlyList<LivePreview> Previews(string? agentId);

    /// <summary>The ended campaign calls waiting for their agents' dispositions.</summary>
    /// <param name="agentId">Only this agent's, or every agent's when null.</param>
    IReadOnlyList<LiveCampaignWrapUp> WrapUps(string? agentId);

    /// <summary>The agent dials (or skips) the contact it previews in <paramref name="campaign"/>.</summary>
    /// <returns>False when the campaign does not exist or the agent has no preview in it.</returns>
    bool TryPreview(string campaign, string agentId, bool dial);
}
