using System.Collections.Concurrent;
using Appliance.Media.Dtmf;
using Appliance.Media.Tones;
using Serilog;

namespace Appliance.Media.Engine;

/// <summary>
/// One direction of a bridge's DTMF: a key pressed on the <c>from</c> leg reaches the <c>to</c>
/// leg in the mode that leg negotiated. An RFC 4733 event (or a SIP INFO digit handed to
/// <see cref="Deliver"/>) is sent on as an event to a leg with telephone-event and played as a
/// Q.23 tone pair to one without; an in-band tone from a leg without telephone-event, found by
/// a Q.24 detector, is sent as an event to a leg with it and muted from the audio, so the far
/// end does not get the digit twice. Between two legs without telephone-event the tone simply
/// passes as audio.
/// </summary>
/// <remarks>
/// <para>Muting needs the audio held back: the detector is sure of a digit 26 to 36 ms into the
/// tone, so while it converts, this direction passes audio two frames (40 ms) late and the
/// frames already in that delay are silenced when a digit is found.</para>
/// <para>Threads: <see cref="Process"/> runs on the clock under the bridge's lock;
/// <see cref="Deliver"/> may be called from any thread.</para>
/// </remarks>
internal sealed class DtmfInterworking
{
    private const int DelayFrames = 2;
    private const int DelaySlots = DelayFrames + 1;

    // The detector ends a key 20 ms after the tone; one more frame covers a tail that ended
    // inside the frame that saw the key end.
    private const int HangoverFrames = 1;

    // Q.23 sets no level; -10 dBFS per component (about -7 dBm0 in G.711) is a usual send
    // level and well inside what Q.24 receivers accept. The pause keeps two digits apart.
    private const double ToneLevelDbfs = -10;
    private const int PauseFrames = 5;

    private static readonly int s_toneFrames =
        (int)(RtpEndpoint.DefaultDtmfDuration.TotalMilliseconds / MediaClock.Interval.TotalMilliseconds);

    private readonly RtpEndpoint _from;
    private readonly RtpEndpoint _to;
    private readonly ILogger? _log;
    private readonly InbandDtmfDetector _detector = new();
    private readonly ConcurrentQueue<char> _toPlay = new();
    private readonly short[] _delay = new short[DelaySlots * RtpEndpoint.SamplesPerFrame];
    private readonly bool[] _delayMuted = new bool[DelaySlots];
    private readonly bool[] _delayHeld = new bool[DelaySlots];
    private int _delayNext;
    private int _delayCount;
    private int _hangover;
    private ToneGenerator? _tone;
    private int _toneFramesLeft;
    private int _pauseFramesLeft;
    private long _converted;

    public DtmfInterworking(RtpEndpoint from, RtpEndpoint to, ILogger? log)
    {
        _from = from;
        _to = to;
        _log = log;
        _detector.DigitDetected += InbandDigitDetected;
    }

    /// <summary>Digits that changed mode on the way (event to tone or tone to event).</summary>
    public long Converted => Interlocked.Read(ref _converted);

    /// <summary>
    /// Passes a digit the <c>from</c> leg sent out of band (an RFC 4733 event or a SIP INFO)
    /// to the other leg: as an event when it negotiated telephone-event, else as a tone on the
    /// next ticks, after any digit still playing. Any thread.
    /// </summary>
    public void Deliver(char digit)
    {
        if (!DtmfFrequencies.TryGet(digit, out _, out _))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit (0-9, *, #, A-D).", nameof(digit));
        }

        if (_to.HasTelephoneEvents)
        {
            _to.SendDtmf(digit);
            return;
        }

        Interlocked.Increment(ref _converted);
        _toPlay.Enqueue(digit);
        _log?.Debug("DTMF {Digit} is played in-band to RTP port {RtpPort}", digit, _to.LocalPort);
    }

    /// <summary>
    /// Turns the frame read from the <c>from</c> leg this tick into what the <c>to</c> leg is
    /// sent. Clock thread only.
    /// </summary>
    /// <param name="frame">The frame read from the <c>from</c> leg (ignored without audio).</param>
    /// <param name="hasFrame">Whether the <c>from</c> leg had audio this tick.</param>
    /// <param name="output">160 samples for the <c>to</c> leg.</param>
    /// <returns>False when there is nothing to send this tick.</returns>
    public bool Process(ReadOnlySpan<short> frame, bool hasFrame, Span<short> output)
    {
        bool hasOutput;
        if (!_from.HasTelephoneEvents && _to.HasTelephoneEvents)
        {
            hasOutput = ConvertInband(frame, hasFrame, output);
        }
        else
        {
            // The legs may have renegotiated; audio held for a conversion is given up.
            _delayCount = 0;
            if (hasFrame)
            {
                frame.CopyTo(output);
            }

            hasOutput = hasFrame;
        }

        return PlayTone(output) || hasOutput;
    }

    private bool ConvertInband(ReadOnlySpan<short> frame, bool hasFrame, Span<short> output)
    {
        var newest = _delayNext;
        var incoming = _delay.AsSpan(newest * RtpEndpoint.SamplesPerFrame, RtpEndpoint.SamplesPerFrame);
        if (hasFrame)
        {
            frame.CopyTo(incoming);
        }
        else
        {
            incoming.Clear();
        }

        _delayHeld[newest] = hasFrame;
        _delayMuted[newest] = false;
        _delayNext = (newest + 1) % DelaySlots;

        // A digit found now silences this frame and those still held (InbandDigitDetected).
        _detector.WriteFrame(incoming);
        if (_detector.ActiveKey != '\0')
        {
            _hangover = HangoverFrames;
            _delayMuted[newest] = true;
        }
        else if (_hangover > 0)
        {
            _hangover--;
            _delayMuted[newest] = true;
        }

        if (_delayCount < DelayFrames)
        {
            _delayCount++;
            return false;
        }

        var oldest = (newest + DelaySlots - DelayFrames) % DelaySlots;
        if (_delayMuted[oldest])
        {
            output.Clear();
        }
        else
        {
            _delay.AsSpan(oldest * RtpEndpoint.SamplesPerFrame, RtpEndpoint.SamplesPerFrame).CopyTo(output);
        }

        return _delayHeld[oldest];
    }

    private void InbandDigitDetected(char digit)
    {
        Array.Fill(_delayMuted, true);
        try
        {
            _to.SendDtmf(digit);
            Interlocked.Increment(ref _converted);
            _log?.Debug(
                "In-band DTMF {Digit} from RTP port {FromRtpPort} is sent as an event to port {RtpPort}",
                digit,
                _from.LocalPort,
                _to.LocalPort);
        }
        catch (InvalidOperationException)
        {
            // The leg renegotiated without telephone-event between the check and the send.
        }
    }

    // Replaces the tick's audio with the tone of a digit delivered for in-band play, then
    // with a pause, so that two digits in a row stay two key presses (Q.24: 40 ms apart).
    private bool PlayTone(Span<short> output)
    {
        if (_toneFramesLeft == 0 && _pauseFramesLeft == 0 && _toPlay.TryDequeue(out var digit))
        {
            DtmfFrequencies.TryGet(digit, out var rowHz, out var columnHz);
            _tone = new ToneGenerator(rowHz, ToneLevelDbfs, secondFrequencyHz: columnHz);
            _toneFramesLeft = s_toneFrames;
        }

        if (_toneFramesLeft > 0)
        {
            _tone!.ReadFrame(output);
            if (--_toneFramesLeft == 0)
            {
                _pauseFramesLeft = PauseFrames;
            }

            return true;
        }

        if (_pauseFramesLeft > 0)
        {
            _pauseFramesLeft--;
            output.Clear();
            return true;
        }

        return false;
    }
}
