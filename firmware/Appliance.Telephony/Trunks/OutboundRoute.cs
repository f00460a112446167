namespace Appliance.Telephony.Trunks;

/// <summary>
/// Numbers starting with <see cref="Prefix"/> go out over <see cref="Groups"/>, tried in that order
/// (for example E1, then GSM, then a SIP trunk). An empty prefix matches every number.
/// </summary>
public sealed record OutboundRoute(string Prefix, IReadOnlyList<string> Groups)
{
    public bool Matches(string number) => number.StartsWith(Prefix, StringComparison.Ordinal);
}
