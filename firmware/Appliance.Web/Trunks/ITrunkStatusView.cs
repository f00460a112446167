namespace Appliance.Web.Trunks;

/// <summary>
/// The box's PSTN trunks as the web serves them: trunk groups, card ports with their alarms, and
/// the channels carrying calls. The service adapts the telephony room's gateway to it.
/// </summary>
/// <remarks>Called from request threads; must be thread-safe and must not block.</remarks>
public interface ITrunkStatusView
{
    LiveTrunks Now();
}
