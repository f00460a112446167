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
}
