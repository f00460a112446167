using System.Net;
using Appliance.Telephony.Campaigns;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Where calls to external numbers leave the box: an IVR flow's transfer to a number, a queue's
/// overflow to one, and remote agents reached at their mobile or home number. The routes are a
/// <see cref="SipTrunk"/>, the same shape a campaign dials through: default destinations and
/// longest-prefix routes, each a list in failover order. A destination is a carrier, or the SIP
/// port of the box's PSTN gateway, whose own outbound routes then pick the E1, FXO, GSM or SIP
/// trunk group. Immutable and thread safe; the numbers are sent as they are given, with no
/// rewriting.
/// </summary>
public sealed class ExternalRoutes
{
    /// <param name="trunk">The destinations by number prefix.</param>
    /// <param name="callerId">
    /// The number presented as the caller on every external leg (the box's own DID, say); null
    /// presents the caller's number when it has one and <paramref name="fallbackCallerId"/> when
    /// it does not.
    /// </param>
    /// <param name="ringTimeout">How long an external number rings before the leg is cancelled.</param>
    /// <param name="fallbackCallerId">Presented for a caller without a number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ringTimeout"/> is not positive.</exception>
    public ExternalRoutes(
        SipTrunk trunk,
        string? callerId,
        TimeSpan ringTimeout,
        string fallbackCallerId = "anonymous")
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ringTimeout, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(fallbackCallerId);
        Trunk = trunk;
        CallerId = string.IsNullOrEmpty(callerId) ? null : callerId;
        RingTimeout = ringTimeout;
        FallbackCallerId = fallbackCallerId;
    }

    public SipTrunk Trunk { get; }

    /// <summary>The number every external leg presents, or null to present the caller's.</summary>
    public string? CallerId { get; }

    public TimeSpan RingTimeout { get; }

    public string FallbackCallerId { get; }

    /// <summary>
    /// True for a number the routes can dial: 1 to 20 digits, optionally after a leading +.
    /// Anything else (letters, SIP URIs, separators) is refused before an INVITE is built.
    /// </summary>
    public static bool IsDialable(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return false;
        }

        var digits = number.AsSpan(number[0] == '+' ? 1 : 0);
        if (digits.Length is 0 or > 20)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the INVITE for <paramref name="number"/> goes first.</summary>
    public IPEndPoint DestinationFor(string number) => Trunk.DestinationFor(number);

    /// <summary>Where the INVITE for <paramref name="number"/> goes, in failover order.</summary>
    public IReadOnlyList<IPEndPoint> DestinationsFor(string number) => Trunk.DestinationsFor(number);

    /// <summary>The number to present for a caller whose own number is <paramref name="callerNumber"/>.</summary>
    public string CallerIdFor(string? callerNumber) =>
        CallerId ?? (IsDialable(callerNumber) ? callerNumber! : FallbackCallerId);
}
