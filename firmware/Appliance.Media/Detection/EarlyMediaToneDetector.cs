namespace Appliance.Media.Detection;

/// <summary>
/// Listens to the early media of an outbound call (after 183 Session Progress, RFC 3261
/// §13.2.1 and RFC 3960) for a busy tone or the special information tone, which some networks
/// play instead of sending 486 or a 4xx/5xx. Frames are 20 ms of 8 kHz linear PCM, analysed
/// with Goertzel filters at the tones' frequencies. A busy tone counts after two "on" periods
/// and the "off" between them match a cadence of <see cref="BusyToneSpec"/> within 25 %. The
/// special information tone counts after its three segments of at least 200 ms in order.
/// Not thread safe.
/// </summary>
public sealed class EarlyMediaToneDetector
{
    private const double MinShare = 0.6;
    private const double MinLevelDb = -45;
    private const int FrameMs = 20;
    private const int MinSitFrames = 10;

    private static readonly double[] s_sit = [913.8, 1370.6, 1776.7];

    private readonly IReadOnlyList<BusyToneSpec> _busy;
    private readonly Cadence[] _cadences;
    private readonly short[] _pending = new short[FrameAnalysis.FrameSamples];
    private int _pendingCount;
    private int _sitSegment;
    private int _sitRun;
    private int _sitMisses;

    public EarlyMediaToneDetector(IReadOnlyList<BusyToneSpec>? busyTones = null)
    {
        _busy = busyTones ?? BusyToneSpec.Common;
        _cadences = new Cadence[_busy.Count];
    }

    public EarlyMediaTone Result { get; private set; }

    /// <summary>The busy tone's spec once <see cref="Result"/> is <see cref="EarlyMediaTone.Busy"/>.</summary>
    public BusyToneSpec? BusyTone { get; private set; }

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
            var share = 0.0;
            foreach (var hertz in _busy[i].Hertz)
            {
                share += FrameAnalysis.ToneShare(frame, hertz, energy);
            }

            if (_cadences[i].Frame(loud && share >= MinShare, _busy[i]))
            {
                Result = EarlyMediaTone.Busy;
                BusyTone = _busy[i];
            }
        }

        SitFrame(frame, loud, energy);
    }

    private void SitFrame(ReadOnlySpan<short> frame, bool loud, double energy)
    {
        var current = loud && FrameAnalysis.ToneShare(frame, s_sit[_sitSegment], energy) >= MinShare;
        if (current)
        {
            _sitRun++;
            _sitMisses = 0;
            return;
        }

        var next = _sitSegment + 1 < s_sit.Length
            && loud
            && FrameAnalysis.ToneShare(frame, s_sit[_sitSegment + 1], energy) >= MinShare;
        if (_sitRun >= MinSitFrames && next)
        {
            _sitSegment++;
            _sitRun = 1;
            _sitMisses = 0;
            return;
        }

        if (_sitRun >= MinSitFrames && _sitSegment == s_sit.Length - 1)
        {
            Result = EarlyMediaTone.SpecialInformation;
            return;
        }

        // The frame across a change of tone holds some of both and neither clearly.
        if (_sitRun >= MinSitFrames && _sitMisses == 0)
        {
            _sitMisses++;
            return;
        }

        // A frame of the first tone restarts the sequence; anything else loses it.
        var first = loud && FrameAnalysis.ToneShare(frame, s_sit[0], energy) >= MinShare;
        _sitSegment = 0;
        _sitRun = first ? 1 : 0;
        _sitMisses = 0;
    }

    /// <summary>On/off run lengths of one busy cadence.</summary>
    private struct Cadence
    {
        private bool _on;
        private int _run;
        private int _matchedOn;
        private bool _matchedOff;

        public bool Frame(bool on, BusyToneSpec spec)
        {
            if (on == _on)
            {
                _run++;
                return false;
            }

            var ms = _run * FrameMs;
            var fits = Fits(ms, _on ? spec.On : spec.Off);
            if (_on)
            {
                _matchedOn = fits && (_matchedOn == 0 || _matchedOff) ? _matchedOn + 1 : fits ? 1 : 0;
                _matchedOff = false;
            }
            else
            {
                _matchedOff = fits && _matchedOn > 0;
                _matchedOn = _matchedOff ? _matchedOn : 0;
            }

            _on = on;
            _run = 1;
            return _matchedOn >= 2;
        }

        private static bool Fits(int ms, TimeSpan expected)
            => Math.Abs(ms - expected.TotalMilliseconds) <= expected.TotalMilliseconds * 0.25;
    }
}
