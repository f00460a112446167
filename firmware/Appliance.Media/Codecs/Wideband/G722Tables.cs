namespace Appliance.Media.Codecs.Wideband;

/// <summary>The constant tables of ITU-T G.722 (tables 6 to 9 and 14 of the Recommendation).</summary>
internal static class G722Tables
{
    /// <summary>The 24 QMF coefficients h0..h23 (table 14), symmetric, summing to 8192.</summary>
    public static ReadOnlySpan<int> Qmf =>
    [
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
    ];

    /// <summary>Lower-band decision levels of the 60-level quantiser, in units of DETL/4096.</summary>
    public static ReadOnlySpan<int> LowDecision =>
    [
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
    ];

    /// <summary>The 6-bit code of each positive lower-band interval (index 1 is the smallest).</summary>
    public static ReadOnlySpan<byte> LowPositiveCode =>
    [
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
    ];

    /// <summary>The 6-bit code of each negative lower-band interval.</summary>
    public static ReadOnlySpan<byte> LowNegativeCode =>
    [
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
    ];

    /// <summary>Inverse quantiser of the full 6-bit lower-band code (QQ6 × 8, table 7).</summary>
    public static ReadOnlySpan<int> LowInverse6 =>
    [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    ];

    /// <summary>Inverse quantiser of the 4-bit truncated code that drives the predictor (QQ4 × 8).</summary>
    public static ReadOnlySpan<int> LowInverse4 =>
    [
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    ];

    /// <summary>The magnitude class (0-7) of each 4-bit lower-band code, for the scale weight.</summary>
    public static ReadOnlySpan<byte> LowMagnitude => [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];

    /// <summary>Lower-band log scale-factor weights WL by magnitude class (table 8).</summary>
    public static ReadOnlySpan<int> LowWeight => [-60, -30, 58, 172, 334, 538, 1198, 3042];

    /// <summary>Inverse quantiser of the 2-bit higher-band code (QQ2 × 8, table 9).</summary>
    public static ReadOnlySpan<int> HighInverse => [-7408, -1616, 7408, 1616];

    /// <summary>Higher-band log scale-factor weights WH by code.</summary>
    public static ReadOnlySpan<int> HighWeight => [798, -214, 798, -214];

    /// <summary>2^(i/32) × 2048, the antilog of the scale factor's fractional part.</summary>
    public static ReadOnlySpan<int> ScaleAntilog =>
    [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ];
}
