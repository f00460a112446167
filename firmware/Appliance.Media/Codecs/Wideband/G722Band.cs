namespace Appliance.Media.Codecs.Wideband;

/// <summary>
/// The state one sub-band of G.722 keeps between samples: its scale factor (blocks 3L/3H) and
/// its adaptive predictor (block 4, two poles and six zeros). Encoder and decoder run the same
/// updates on the same quantised differences, so they stay in step without side information.
/// </summary>
internal sealed class G722Band
{
    // ITU-T G.722 §3.5 and §3.6: the log scale factor is limited to these values per band.
    private const int LowNablaMax = 18432;
    private const int HighNablaMax = 22528;

    private readonly bool _high;
    private readonly int[] _d = new int[7];
    private readonly int[] _b = new int[7];
    private readonly int[] _bp = new int[7];
    private int _nabla;
    private int _a1;
    private int _a2;
    private int _r1;
    private int _r2;
    private int _p1;
    private int _p2;
    private int _sz;

    public G722Band(bool high)
    {
        _high = high;
        Reset();
    }

    /// <summary>The quantiser scale factor (DETL or DETH).</summary>
    public int Scale { get; private set; }

    /// <summary>The predicted signal (SL or SH) for the next sample.</summary>
    public int Estimate { get; private set; }

    public void Reset()
    {
        Array.Clear(_d);
        Array.Clear(_b);
        Array.Clear(_bp);
        _nabla = _a1 = _a2 = _r1 = _r2 = _p1 = _p2 = _sz = 0;
        Estimate = 0;

        // G.722 §3.6.3 (reset): DETL starts at 32 and DETH at 8.
        Scale = _high ? 8 : 32;
    }

    /// <summary>
    /// Blocks 3L/3H: moves the log scale factor by the weight of the last code and turns it back
    /// into a linear scale with the 32-entry antilog table.
    /// </summary>
    public void AdaptScale(int weight)
    {
        var nabla = ((_nabla * 127) >> 7) + weight;
        _nabla = Math.Clamp(nabla, 0, _high ? HighNablaMax : LowNablaMax);

        var mantissa = G722Tables.ScaleAntilog[(_nabla >> 6) & 31];
        var shift = (_high ? 10 : 8) - (_nabla >> 11);
        var linear = shift < 0 ? mantissa << -shift : mantissa >> shift;
        Scale = linear << 2;
    }

    /// <summary>
    /// Block 4: reconstructs the signal from the quantised difference, updates the pole and zero
    /// coefficients by sign correlation, and computes the estimate for the next sample.
    /// </summary>
    public void Predict(int difference)
    {
        // RECONS and PARREC.
        var reconstructed = Saturate(Estimate + difference);
        var partial = Saturate(_sz + difference);

        // UPPOL2: the second pole, bounded to ±0.375 (12288 in Q15).
        var sameAsP1 = SameSign(partial, _p1);
        var fourA1 = Saturate(_a1 << 2);
        var leak = Math.Min(sameAsP1 ? -fourA1 : fourA1, short.MaxValue);
        var a2 = (leak >> 7) + (SameSign(partial, _p2) ? 128 : -128) + ((_a2 * 32512) >> 15);
        a2 = Math.Clamp(a2, -12288, 12288);

        // UPPOL1: the first pole, kept inside the stability triangle |A1| <= 1 - 2^-4 - A2.
        var a1 = Saturate((sameAsP1 ? 192 : -192) + ((_a1 * 32640) >> 15));
        var limit = Saturate(15360 - a2);
        a1 = Math.Clamp(a1, -limit, limit);

        // UPZERO: each zero moves towards the sign correlation of its delayed difference.
        var step = difference == 0 ? 0 : 128;
        for (var i = 1; i < 7; i++)
        {
            var move = SameSign(difference, _d[i]) ? step : -step;
            _bp[i] = Saturate(move + ((_b[i] * 32640) >> 15));
        }

        // DELAYA.
        for (var i = 6; i > 1; i--)
        {
            _d[i] = _d[i - 1];
        }

        _d[1] = difference;
        for (var i = 1; i < 7; i++)
        {
            _b[i] = _bp[i];
        }

        _r2 = _r1;
        _r1 = reconstructed;
        _p2 = _p1;
        _p1 = partial;
        _a2 = a2;
        _a1 = a1;

        // FILTEP, FILTEZ, PREDIC.
        var poles = Saturate(((_a1 * Saturate(_r1 + _r1)) >> 15) + ((_a2 * Saturate(_r2 + _r2)) >> 15));
        var zeros = 0;
        for (var i = 1; i < 7; i++)
        {
            zeros += (_b[i] * Saturate(_d[i] + _d[i])) >> 15;
        }

        _sz = Saturate(zeros);
        Estimate = Saturate(poles + _sz);
    }

    public static int Saturate(int value) => Math.Clamp(value, short.MinValue, short.MaxValue);

    // G.722 takes the sign bit of a two's complement value: zero counts as positive.
    private static bool SameSign(int x, int y) => (x < 0) == (y < 0);
}
