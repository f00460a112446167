namespace Appliance.Media.Quality;

/// <summary>
/// The audio quality of one leg over a call: the packets lost of those expected (RFC 3550
/// A.3), the interarrival jitter (§6.4.1), the round trip from RTCP when the far end reported
/// one, and the E-model rating and MOS (G.107) they give.
/// </summary>
public readonly record struct CallQuality(
    double LossPercent,
    double JitterMs,
    double? RoundTripMs,
    double RFactor,
    double Mos,
    long PacketsExpected)
{
    /// <summary>
    /// Rates a leg from its measurements; without a round trip the delay counts as the jitter
    /// buffer plus one packet, which is what the box itself adds.
    /// </summary>
    public static CallQuality From(
        double lossPercent,
        TimeSpan jitter,
        TimeSpan? roundTrip,
        TimeSpan bufferDelay,
        long packetsExpected)
    {
        var oneWay = (roundTrip ?? TimeSpan.Zero) / 2 + bufferDelay + TimeSpan.FromMilliseconds(20);
        var r = EModel.RFactor(lossPercent, oneWay);
        return new CallQuality(
            Math.Round(lossPercent, 2),
            Math.Round(jitter.TotalMilliseconds, 2),
            roundTrip is { } rtt ? Math.Round(rtt.TotalMilliseconds, 1) : null,
            Math.Round(r, 1),
            Math.Round(EModel.Mos(r), 2),
            packetsExpected);
    }

    /// <summary>The worse of two legs' ratings, as the call's: the lower MOS wins.</summary>
    public static CallQuality Worse(CallQuality a, CallQuality b) => a.Mos <= b.Mos ? a : b;
}
