namespace Appliance.Telephony.Trunks;

/// <summary>
/// How outbound INVITEs go on from a route that fails them to the next route of the same prefix
/// (configuration <c>Telephony:External:RouteTimeout</c> and <c>Telephony:External:HoldDown</c>).
/// </summary>
public sealed class RouteFailoverOptions
{
    /// <summary>
    /// How long a route may send nothing back, not even 100 Trying, before the next route is
    /// tried: a short Timer B (RFC 3261 §17.1.1.2 gives up after 32 s; a server on UDP answers
    /// 100 within 200 ms, §17.2.1). 4 s by default.
    /// </summary>
    public TimeSpan RouteTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a route that failed an INVITE is passed over by the calls after it, so they go
    /// straight to a route that works; a 503's Retry-After lengthens it (RFC 3261 §21.5.4), up to
    /// <see cref="LongestHoldDown"/>. 60 s by default.
    /// </summary>
    public TimeSpan HoldDown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest hold-down a Retry-After can ask for, one hour.</summary>
    public static TimeSpan LongestHoldDown { get; } = TimeSpan.FromHours(1);
}
