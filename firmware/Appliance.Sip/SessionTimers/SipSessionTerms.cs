using System.Globalization;

namespace Appliance.Sip.SessionTimers;

/// <summary>
/// The session interval agreed for a dialog (RFC 4028 §7, §9) and who refreshes it.
/// <see cref="LocalRefreshes"/> is true when this side sends the refresh requests.
/// </summary>
public readonly record struct SipSessionTerms(TimeSpan Interval, bool LocalRefreshes, bool PeerSupportsTimer)
{
    /// <summary>The Session-Expires value as the UAS of the dialog writes it (§9).</summary>
    public string ToUasHeaderValue() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{(int)Interval.TotalSeconds};refresher={(LocalRefreshes ? "uas" : "uac")}");
}
