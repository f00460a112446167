using System.Net;

namespace Appliance.Telephony.Callbacks;

/// <summary>How the box calls waiting callers back (configuration <c>Callbacks:*</c>).</summary>
public sealed class CallbackOptions
{
    /// <summary>
    /// Where callback INVITEs go (SIP trunks' host:port) in failover order
    /// (<see cref="Trunks.RouteFailover"/>); empty calls back through the trunk the call came in
    /// on, at the address its INVITE came from.
    /// </summary>
    public IReadOnlyList<IPEndPoint> Trunk { get; init; } = [];

    /// <summary>Attempts before a callback is given up.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait after a failed attempt before the callback is due again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the called-back phone rings before the attempt counts as no answer.</summary>
    public TimeSpan RingLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the answered caller has to press 1 after the confirmation prompt.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a waiting caller has to answer the callback offer before it keeps waiting.</summary>
    public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
