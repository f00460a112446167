using Appliance.Media.Audio;
using Appliance.Media.Tones;

namespace Appliance.Media.Dtmf;

/// <summary>
/// Detects DTMF key presses in the audio of a PSTN leg (ITU-T Q.23 frequencies) to the
/// Q.24 limits: a component within ±1.5 % of its nominal frequency is accepted and one more than
/// ±3.5 % off is rejected (the decision lies at ±2.5 %); the column tone may be up to 8 dB
/// weaker than the row tone or 4 dB stronger (twist); each component must be above -30 dBFS;
/// a tone lasting 40 ms is a digit and one of 20 ms is not.
/// </summary>
/// <remarks>
/// <para>Audio is analysed in 20 ms windows every 10 ms with Goertzel filters at the eight
/// frequencies. A window holds a digit when one row and one column filter stand 8 dB above
/// the others of their group, the two tones carry at least 80 % of the window's energy (speech
/// and music spread theirs over harmonics, which is what keeps them from talking off a digit)
/// and a finer scan puts both peaks inside the ±2.5 % band. Two such windows in a row make a
/// digit, raised once: each must be 80 % tone, which takes a tone of about 26 ms, so 40 ms
/// always passes and 20 ms never does. Two windows without it end the key press.</para>
/// <para>Not thread-safe: one receive loop feeds it. Nothing is allocated per frame.</para>
/// </remarks>
public sealed class InbandDtmfDetector : IAudioSink
{
    private const int SampleRateHz = 8000;
    private const int WindowSamples = 160;
    private const int HopSamples = 80;
    private const int WindowsToStart = 2;
    private const int WindowsToEnd = 2;
    private const double MinComponentPower = 0.001;
    private const double MinToneShare = 0.8;
    private const double GroupMarginDb = 8;
    private const double NormalTwistDb = 8;
    private const double ReverseTwistDb = 4;
    private const double MaxDeviation = 0.025;
    private const double ScanStep = 0.005;
    private const int ScanSteps = 8;

    private static readonly double[] s_rows = [.. DtmfFrequencies.Rows];
    private static readonly double[] s_columns = [.. DtmfFrequencies.Columns];

    private readonly short[] _window = new short[WindowSamples];
    private readonly double[] _rowPower = new double[4];
    private readonly double[] _columnPower = new double[4];
    private int _filled;
    private char _candidate;
    private int _candidateWindows;
    private char _active;
    private int _missWindows;

    /// <summary>Raised once per key press, about 30 ms into it, on the feeding thread.</summary>
    public event Action<char>? DigitDetected;

    /// <summary>Key presses detected so far.</summary>
    public long Detected { get; private set; }

    /// <summary>
    /// The key being held, from the window that raised <see cref="DigitDetected"/> until two
    /// windows without it (about 20 ms after the tone stopped); '\0' when none.
    /// </summary>
    public char ActiveKey => _active;

    /// <summary>Feeds audio of any length (8 kHz, 16-bit linear).</summary>
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        while (!frame.IsEmpty)
        {
            var count = Math.Min(frame.Length, WindowSamples - _filled);
            frame[..count].CopyTo(_window.AsSpan(_filled));
            _filled += count;
            frame = frame[count..];
            if (_filled == WindowSamples)
            {
                Decide(Analyse(_window));
                _window.AsSpan(HopSamples).CopyTo(_window);
                _filled = WindowSamples - HopSamples;
            }
        }
    }

    /// <summary>Forgets any tone in progress (a new stream, a cleared buffer).</summary>
    public void Reset()
    {
        _filled = 0;
        _candidate = '\0';
        _candidateWindows = 0;
        _active = '\0';
        _missWindows = 0;
    }

    private void Decide(char key)
    {
        if (_active != '\0')
        {
            // One bad window (a click, a dropout) does not end a key press; two do.
            if (key == _active)
            {
                _missWindows = 0;
                return;
            }

            if (++_missWindows < WindowsToEnd)
            {
                return;
            }

            _active = '\0';
            _missWindows = 0;
        }

        if (key == '\0')
        {
            _candidate = '\0';
            _candidateWindows = 0;
            return;
        }

        _candidateWindows = key == _candidate ? _candidateWindows + 1 : 1;
        _candidate = key;
        if (_candidateWindows >= WindowsToStart)
        {
            _active = key;
            _candidate = '\0';
            _candidateWindows = 0;
            Detected++;
            DigitDetected?.Invoke(key);
        }
    }

    private char Analyse(ReadOnlySpan<short> window)
    {
        double meanSquare = 0;
        foreach (var sample in window)
        {
            var x = sample / 32768.0;
            meanSquare += x * x;
        }

        meanSquare /= window.Length;
        if (meanSquare < MinComponentPower / 2)
        {
            return '\0';
        }

        var row = Strongest(window, s_rows, _rowPower);
        var column = Strongest(window, s_columns, _columnPower);
        if (row < 0 || column < 0)
        {
            return '\0';
        }

        // The nominal filters may miss part of a tone that is off frequency; the scan finds it.
        if (!TryFindPeak(window, s_rows[row], out var rowPower)
            || !TryFindPeak(window, s_columns[column], out var columnPower))
        {
            return '\0';
        }

        // Goertzel power is twice the mean square of the component it measures.
        var share = (rowPower + columnPower) / 2 / meanSquare;
        var twistDb = 10 * Math.Log10(columnPower / rowPower);
        if (rowPower < MinComponentPower
            || columnPower < MinComponentPower
            || share < MinToneShare
            || twistDb < -NormalTwistDb
            || twistDb > ReverseTwistDb)
        {
            return '\0';
        }

        return DtmfFrequencies.KeyAt(row, column);
    }

    // The strongest filter of a group, when it stands out from the others by the margin.
    private static int Strongest(ReadOnlySpan<short> window, double[] group, double[] power)
    {
        var best = 0;
        for (var i = 0; i < group.Length; i++)
        {
            power[i] = Goertzel.Power(window, SampleRateHz, group[i]);
            if (power[i] > power[best])
            {
                best = i;
            }
        }

        var margin = Math.Pow(10, GroupMarginDb / 10);
        for (var i = 0; i < group.Length; i++)
        {
            if (i != best && power[i] * margin > power[best])
            {
                return -1;
            }
        }

        return best;
    }

    // Q.24: scan ±4 % around the nominal frequency; the peak, refined between its neighbours
    // by a parabola, must lie within ±2.5 %.
    private static bool TryFindPeak(ReadOnlySpan<short> window, double nominalHz, out double peakPower)
    {
        var bestStep = 0;
        var bestPower = double.NegativeInfinity;
        Span<double> powers = stackalloc double[(2 * ScanSteps) + 1];
        for (var step = -ScanSteps; step <= ScanSteps; step++)
        {
            var power = Goertzel.Power(window, SampleRateHz, nominalHz * (1 + (step * ScanStep)));
            powers[step + ScanSteps] = power;
            if (power > bestPower)
            {
                bestPower = power;
                bestStep = step;
            }
        }

        peakPower = bestPower;
        double offset = bestStep;
        if (bestStep > -ScanSteps && bestStep < ScanSteps)
        {
            var left = powers[bestStep + ScanSteps - 1];
            var right = powers[bestStep + ScanSteps + 1];
            var curvature = left - (2 * bestPower) + right;
            if (curvature < 0)
            {
                offset += 0.5 * (left - right) / curvature;
            }
        }

        return Math.Abs(offset * ScanStep) <= MaxDeviation;
    }
}
