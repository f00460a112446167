namespace Appliance.Sip.Qualify;

/// <summary>What OPTIONS qualify knows of one peer at one moment.</summary>
/// <param name="Reachable">False once an OPTIONS went unanswered within the qualify timeout; true
/// before the first check and after any answer.</param>
/// <param name="LastRtt">The round trip of the last answered OPTIONS, or null before one.</param>
/// <param name="SmoothedRtt">The RFC 6298 §2 smoothed round trip (gain 1/8), or null before one.</param>
/// <param name="CheckedUtc">When the last OPTIONS ended, or null before the first.</param>
public sealed record SipQualifyStatus(
    bool Reachable,
    TimeSpan? LastRtt,
    TimeSpan? SmoothedRtt,
    DateTimeOffset? CheckedUtc)
{
    /// <summary>Before any check: taken as reachable so a new peer is tried.</summary>
    public static SipQualifyStatus Unknown { get; } = new(true, null, null, null);

    /// <summary>The status after one OPTIONS: its round trip, or null when it went unanswered.</summary>
    public SipQualifyStatus After(TimeSpan? rtt, DateTimeOffset now)
    {
        if (rtt is not { } measured)
        {
            return this with { Reachable = false, CheckedUtc = now };
        }

        // RFC 6298 §2.2 and §2.3: the first sample is the estimate; later ones move it by 1/8.
        var smoothed = SmoothedRtt is { } previous ? previous + ((measured - previous) / 8) : measured;
        return new SipQualifyStatus(true, measured, smoothed, now);
    }
}
