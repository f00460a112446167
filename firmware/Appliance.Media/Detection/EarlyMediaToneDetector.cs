namespace Appliance.Media.Detection;

/// <summary>
/// Listens to the early media of an outbound call (after 183 Session Progress, RFC 3261
/// §13.2.1 and RFC 3960), or to what an analog line plays, for a busy tone, a congestion tone or
/// the special information tone, which some networks play instead of sending 486 or a 4xx/5xx.
/// Frames are 20 ms of 8 kHz linear PCM, analysed with Goertzel filters at the tones'
/// frequencies. A busy or congestion tone counts once its runs match a whole cycle of its
/// cadence and one more "on" (two "on" periods and the "off" between them for a simple on/off
/// tone), each within 25 %: <see cref="BusyToneSpec"/> for busy, <see cref="CadenceToneSpec"/>
/// (by default the congestion tones of the CN, US, UK and EU plans) for congestion. The special
/// information tone counts after its three segments of at least 200 ms in order, in either of
/// its two forms: the North American 913.8, 1370.6, 1776.7 Hz and the ITU-T E.180 950, 1400,
/// 1800 Hz of the other plans. Each frequency is taken within about ±20 Hz.
/// Not thread safe.
/// </summary>
public sealed class EarlyMediaToneDetector
{
    private const double MinShare = 0.6;
    private const double MinLevelDb = -45;
    private const int FrameMs = 20;

    private readonly IReadOnlyList<BusyToneSpec> _busy;
    private readonly IReadOnlyList<CadenceToneSpec> _congestion;
    private readonly CadenceMatcher[] _busyCadences;
    private readonly CadenceMatcher[] _congestionCadences;
    private readonly SitSequence[] _sits = [new([913.8, 1370.6, 1776.7]), new([950, 1400, 1800])];
    private readonly short[] _pending = new short[FrameAnalysis.FrameSamples];
    private int _pendingCount;

    /// <summary>Creates a detector for the given tones.</summary>
    /// <param name="busyTones">The busy tones; null for <see cref="BusyToneSpec.Common"/>.</param>
    /// <param name="congestionTones">The congestion tones; null for
    /// <see cref="CadenceToneSpec.Congestion"/>, empty to listen for none.</param>
    public EarlyMediaToneDetector(
        IReadOnlyList<BusyToneSpec>? busyTones = null,
        IReadOnlyList<CadenceToneSpec>? congestionTones = null)
    {
        _busy = busyTones ?? BusyToneSpec.Common;
        _congestion = congestionTones ?? CadenceToneSpec.Congestion;
        _busyCadences = [.. _busy.Select(b => new CadenceMatcher([b.On, b.Off], FrameMs))];
        _congestionCadences = [.. _congestion.Select(c => new CadenceMatcher(c.Cadence, FrameMs))];
    }

    public EarlyMediaTone Result { get; private set; }

    /// <summary>The busy tone's spec once <see cref="Result"/> is <see cref="EarlyMediaTone.Busy"/>.</summary>
    public BusyToneSpec? BusyTone { get; private set; }

    /// <summary>The congestion tone's spec once <see cref="Result"/> is
    /// <see cref="EarlyMediaTone.Congestion"/>.</summary>
    public CadenceToneSpec? CongestionTone { get; private set; }

    /// <summary>Which tone was heard, for a log line: the spec's name, or "special information".</summary>
    public string? ToneName => Result switch
    {
        EarlyMediaTone.Busy => BusyTone!.Name,
        EarlyMediaTone.Congestion => CongestionTone!.Name,
        EarlyMediaTone.SpecialInformation => "special information",
        _ => null,
    };

    /// <summary>Feeds audio of any length; returns the result so far.</summary>
    public EarlyMediaTone Feed(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty && Result == EarlyMediaTone.None)
        {
            var take = Math.Min(samples.Length, _pending.Length - _pendingCount);
            samples[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            samples = samples[take..];
            if (_pendingCount == _pending.Length)
            {
                _pendingCount = 0;
                Frame(_pending);
            }
        }

        return Result;
    }

    private void Frame(ReadOnlySpan<short> frame)
    {
        var loud = FrameAnalysis.LevelDb(frame) >= MinLevelDb;
        var energy = FrameAnalysis.Energy(frame);
        for (var i = 0; i < _busy.Count && Result == EarlyMediaTone.None; i++)
        {
            if (_busyCadences[i].Frame(loud && Share(frame, _busy[i].Hertz, energy) >= MinShare))
            {
                Result = EarlyMediaTone.Busy;
                BusyTone = _busy[i];
            }
        }

        for (var i = 0; i < _congestion.Count && Result == EarlyMediaTone.None; i++)
        {
            if (_congestionCadences[i].Frame(loud && Share(frame, _congestion[i].Hertz, energy) >= MinShare))
            {
                Result = EarlyMediaTone.Congestion;
                CongestionTone = _congestion[i];
            }
        }

        foreach (var sit in _sits)
        {
            if (Result == EarlyMediaTone.None && sit.Frame(frame, loud, energy))
            {
                Result = EarlyMediaTone.SpecialInformation;
            }
        }
    }

    private static double Share(ReadOnlySpan<short> frame, IReadOnlyList<double> hertz, double energy)
    {
        var share = 0.0;
        foreach (var frequency in hertz)
        {
            share += FrameAnalysis.ToneShare(frame, frequency, energy);
        }

        return share;
    }

    /// <summary>The three segments of one form of the special information tone, in order.</summary>
    private sealed class SitSequence(double[] hertz)
    {
        private const int MinSegmentFrames = 10;

        private int _segment;
        private int _run;
        private int _misses;

        public bool Frame(ReadOnlySpan<short> frame, bool loud, double energy)
        {
            if (loud && FrameAnalysis.ToneShare(frame, hertz[_segment], energy) >= MinShare)
            {
                _run++;
                _misses = 0;
                return false;
            }

            var next = _segment + 1 < hertz.Length
                && loud
                && FrameAnalysis.ToneShare(frame, hertz[_segment + 1], energy) >= MinShare;
            if (_run >= MinSegmentFrames && next)
            {
                _segment++;
                _run = 1;
                _misses = 0;
                return false;
            }

            if (_run >= MinSegmentFrames && _segment == hertz.Length - 1)
            {
                return true;
            }

            // The frame across a change of tone holds some of both and neither clearly.
            if (_run >= MinSegmentFrames && _misses == 0)
            {
                _misses++;
                return false;
            }

            // A frame of the first tone restarts the sequence; anything else loses it.
            var first = loud && FrameAnalysis.ToneShare(frame, hertz[0], energy) >= MinShare;
            _segment = 0;
            _run = first ? 1 : 0;
            _misses = 0;
            return false;
        }
    }
}
