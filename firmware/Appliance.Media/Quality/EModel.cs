namespace Appliance.Media.Quality;

/// <summary>
/// The ITU-T G.107 E-model reduced to what a G.711 call lets us measure: R = R0 - Is - Id -
/// Ie,eff + A with the default R0 - Is = 93.2 and A = 0, the delay impairment Id of G.107
/// §3.3 from the one-way delay (mouth to ear, echo assumed cancelled), and the equipment
/// impairment of random packet loss, Ie,eff = Ie + (95 - Ie) × Ppl / (Ppl + Bpl), with G.711's
/// Ie = 0 and Bpl = 25.1 (G.113 Appendix I, with packet-loss concealment). MOS follows from R by
/// G.107 Annex B. Pure functions, thread-safe.
/// </summary>
public static class EModel
{
    /// <summary>R for a G.711 call with no impairment but the defaults: 93.2.</summary>
    public const double DefaultR = 93.2;

    private const double G711LossRobustness = 25.1;

    /// <summary>The transmission rating R, 0 to 93.2.</summary>
    /// <param name="lossPercent">Random packet loss, 0 to 100.</param>
    /// <param name="oneWayDelay">Mouth-to-ear delay: network, jitter buffer and packetisation.</param>
    public static double RFactor(double lossPercent, TimeSpan oneWayDelay)
    {
        var loss = Math.Clamp(lossPercent, 0, 100);
        var equipment = 95 * loss / (loss + G711LossRobustness);
        var r = DefaultR - DelayImpairment(oneWayDelay.TotalMilliseconds) - equipment;
        return Math.Clamp(r, 0, DefaultR);
    }

    /// <summary>G.107 Annex B: the mean opinion score, 1.0 to 4.5, of a rating R.</summary>
    public static double Mos(double r)
    {
        if (r <= 0)
        {
            return 1;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        return 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
    }

    // The widely used simplification of G.107's Idd for Ta = d: 0.024 d, plus 0.11 (d - 177.3)
    // past 177.3 ms, where talkers start to interrupt each other.
    private static double DelayImpairment(double delayMs)
    {
        var d = Math.Max(0, delayMs);
        return (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    }
}
