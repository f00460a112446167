namespace Appliance.Media.Tests.Dtmf;

/// <summary>Q.24 test signals: DTMF pairs at chosen frequencies, levels and lengths.</summary>
internal static class DtmfSignal
{
    public static readonly IReadOnlyDictionary<char, (double Row, double Column)> Keys =
        new Dictionary<char, (double, double)>
        {
            ['1'] = (697, 1209), ['2'] = (697, 1336), ['3'] = (697, 1477), ['A'] = (697, 1633),
            ['4'] = (770, 1209), ['5'] = (770, 1336), ['6'] = (770, 1477), ['B'] = (770, 1633),
            ['7'] = (852, 1209), ['8'] = (852, 1336), ['9'] = (852, 1477), ['C'] = (852, 1633),
            ['*'] = (941, 1209), ['0'] = (941, 1336), ['#'] = (941, 1477), ['D'] = (941, 1633),
        };

    /// <summary>Silence, the key's two tones, silence.</summary>
    /// <param name="key">The key.</param>
    /// <param name="toneMs">How long the tone lasts.</param>
    /// <param name="deviation">Both frequencies off by this fraction (0.015 is +1.5 %).</param>
    /// <param name="rowDbfs">The row tone's level.</param>
    /// <param name="columnDbfs">The column tone's level.</param>
    /// <param name="leadSamples">Silence before the tone.</param>
    /// <param name="noiseDbfs">White noise over everything, or null.</param>
    public static short[] Make(
        char key,
        int toneMs = 60,
        double deviation = 0,
        double rowDbfs = -10,
        double columnDbfs = -10,
        int leadSamples = 400,
        double? noiseDbfs = null)
    {
        var (row, column) = Keys[key];
        var toneSamples = toneMs * 8;
        var samples = new short[leadSamples + toneSamples + 400];
        var rowAmplitude = Math.Pow(10, rowDbfs / 20);
        var columnAmplitude = Math.Pow(10, columnDbfs / 20);
        var random = new Random(key);
        var noise = noiseDbfs is { } n ? Math.Pow(10, n / 20) * Math.Sqrt(3) : 0;
        for (var i = 0; i < samples.Length; i++)
        {
            double value = 0;
            var t = i - leadSamples;
            if (t >= 0 && t < toneSamples)
            {
                value = (rowAmplitude * Math.Sin(2 * Math.PI * row * (1 + deviation) * t / 8000))
                    + (columnAmplitude * Math.Sin(2 * Math.PI * column * (1 + deviation) * t / 8000));
            }

            value += noise * ((2 * random.NextDouble()) - 1);
            samples[i] = (short)Math.Clamp(value * 32767, short.MinValue, short.MaxValue);
        }

        return samples;
    }
}
