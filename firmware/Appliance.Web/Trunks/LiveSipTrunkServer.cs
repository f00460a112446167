namespace Appliance.Web.Trunks;

/// <summary>One server of a SIP trunk as OPTIONS qualify sees it.</summary>
/// <param name="Target">address:port.</param>
/// <param name="Reachable">False once an OPTIONS went unanswered; true after any answer.</param>
/// <param name="LastRttMs">Round trip of the last answered OPTIONS in milliseconds, or null.</param>
/// <param name="SmoothedRttMs">The smoothed round trip (RFC 6298 gain 1/8) in milliseconds, or null.</param>
/// <param name="CheckedUtc">When it was last checked, or null.</param>
public sealed record LiveSipTrunkServer(
    string Target,
    bool Reachable,
    double? LastRttMs,
    double? SmoothedRttMs,
    DateTimeOffset? CheckedUtc);
