using Appliance.Media.Audio;
using Serilog;

namespace Appliance.Media.Engine;

/// <summary>
/// Joins two legs of a call: what the caller says is played to the agent and the other way
/// round, and both sides are recorded, left channel the caller and right the agent. Audio from
/// each receive loop goes into a small FIFO (4 frames, 80 ms; the oldest is dropped when it is
/// full), or into the leg's <see cref="RtpEndpoint.JitterBuffer"/> when it has one; each clock
/// tick the bridge takes one frame from each side (silence when a side sent nothing), records
/// the pair and hands each frame to the other leg's sending side. Key presses cross in the mode
/// each leg negotiated (<see cref="DtmfInterworking"/>): RFC 4733 events are sent on as events
/// or played as tones, in-band tones are passed as audio or sent as events.
/// </summary>
/// <remarks>
/// Construction takes over both legs' <see cref="RtpEndpoint.Source"/> and
/// <see cref="RtpEndpoint.Sink"/>; <see cref="Dispose"/> gives them back (set to null) and
/// closes the recorder. The bridge owns the recorder. Thread-safe: the FIFOs are guarded by
/// their own locks (receive loop writes, clock thread reads) and a bridge lock orders
/// <see cref="Tick"/> against <see cref="Dispose"/>. A recorder that fails (disk full) is
/// closed and the call goes on unrecorded, with one Error logged.
/// </remarks>
public sealed class MediaBridge : IMediaTicker, IDisposable
{
    /// <summary>Frames each direction may hold before the oldest is dropped.</summary>
    public const int FifoFrames = 4;

    private readonly object _lock = new();
    private readonly RtpEndpoint _caller;
    private readonly RtpEndpoint _agent;
    private readonly MediaClock _clock;
    private readonly ILogger? _log;
    private readonly FrameFifo _fromCaller = new(FifoFrames);
    private readonly FrameFifo _fromAgent = new(FifoFrames);
    private readonly FrameFifo _toCaller = new(2);
    private readonly FrameFifo _toAgent = new(2);
    private readonly short[] _callerFrame = new short[RtpEndpoint.SamplesPerFrame];
    private readonly short[] _agentFrame = new short[RtpEndpoint.SamplesPerFrame];
    private readonly short[] _outFrame = new short[RtpEndpoint.SamplesPerFrame];
    private readonly DtmfInterworking _callerToAgent;
    private readonly DtmfInterworking _agentToCaller;
    private readonly Action<char> _callerDigit;
    private readonly Action<char> _agentDigit;
    private StereoWavRecorder? _recorder;
    private bool _disposed;

    /// <summary>Bridges the legs and starts on the next tick of <paramref name="clock"/>.</summary>
    /// <param name="caller">The caller's leg: recorded on the left channel.</param>
    /// <param name="agent">The agent's leg: recorded on the right channel.</param>
    /// <param name="clock">The clock that ticks the bridge; normally the one of both legs.</param>
    /// <param name="recorder">Where the call is recorded, or null; the bridge disposes it.</param>
    /// <param name="log">Where a recording failure is reported; null to stay silent.</param>
    public MediaBridge(
        RtpEndpoint caller,
        RtpEndpoint agent,
        MediaClock clock,
        StereoWavRecorder? recorder,
        ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(clock);
        _caller = caller;
        _agent = agent;
        _clock = clock;
        _recorder = recorder;
        _log = log?.ForContext<MediaBridge>();

        _callerToAgent = new DtmfInterworking(caller, agent, _log);
        _agentToCaller = new DtmfInterworking(agent, caller, _log);
        _callerDigit = digit => EventDigit(_caller, _callerToAgent, digit);
        _agentDigit = digit => EventDigit(_agent, _agentToCaller, digit);

        caller.Sink = _fromCaller;
        agent.Sink = _fromAgent;
        caller.Source = _toCaller;
        agent.Source = _toAgent;
        caller.DtmfReceived += _callerDigit;
        agent.DtmfReceived += _agentDigit;
        clock.Register(this);
    }

    /// <summary>Frames dropped because one side sent faster than the clock consumed.</summary>
    public long Overflows => _fromCaller.Overflows + _fromAgent.Overflows;

    /// <summary>Ticks recorded so far (20 ms each).</summary>
    public long Ticks { get; private set; }

    /// <summary>Key presses that changed mode crossing the bridge (event to tone or back).</summary>
    public long DigitsConverted => _callerToAgent.Converted + _agentToCaller.Converted;

    /// <summary>True when <paramref name="leg"/> is the caller's or the agent's leg of this bridge.</summary>
    public bool Holds(RtpEndpoint leg) => ReferenceEquals(leg, _caller) || ReferenceEquals(leg, _agent);

    /// <summary>
    /// Passes a key pressed on <paramref name="from"/> that came by signalling (a SIP INFO,
    /// RFC 6086) to the other leg, as an RFC 4733 event when that leg negotiated telephone-event
    /// and as an in-band tone otherwise. Any thread.
    /// </summary>
    /// <exception cref="ArgumentException">The leg is not one of the bridge's, or the digit is
    /// not 0-9, *, #, A-D.</exception>
    public void RelayDigit(RtpEndpoint from, char digit)
    {
        ArgumentNullException.ThrowIfNull(from);
        var direction = ReferenceEquals(from, _caller) ? _callerToAgent
            : ReferenceEquals(from, _agent) ? _agentToCaller
            : throw new ArgumentException("The leg is not part of this bridge.", nameof(from));
        direction.Deliver(digit);
    }

    /// <summary>Called by the clock; moves and records one frame each way.</summary>
    public void Tick()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            // A leg with a jitter buffer is read in timestamp order from it, the others from
            // the arrival-order FIFO its receive loop fills.
            Ticks++;
            var callerHas = ((IAudioSource?)_caller.JitterBuffer ?? _fromCaller).ReadFrame(_callerFrame);
            if (!callerHas)
            {
                _callerFrame.AsSpan().Clear();
            }

            if (_callerToAgent.Process(_callerFrame, callerHas, _outFrame))
            {
                _toAgent.WriteFrame(_outFrame);
            }

            var agentHas = ((IAudioSource?)_agent.JitterBuffer ?? _fromAgent).ReadFrame(_agentFrame);
            if (!agentHas)
            {
                _agentFrame.AsSpan().Clear();
            }

            if (_agentToCaller.Process(_agentFrame, agentHas, _outFrame))
            {
                _toCaller.WriteFrame(_outFrame);
            }

            RecordLocked();
        }
    }

    /// <summary>Detaches both legs and closes the recording. Idempotent.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _clock.Unregister(this);
            _caller.DtmfReceived -= _callerDigit;
            _agent.DtmfReceived -= _agentDigit;
            Detach(_caller, _fromCaller, _toCaller);
            Detach(_agent, _fromAgent, _toAgent);
            _recorder?.Dispose();
            _recorder = null;
        }
    }

    /// <summary>
    /// Ends the bridge without closing its recording, for a mixer that carries the call on:
    /// the legs are detached and the recorder, if still open, is handed to the caller.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The bridge was already disposed.</exception>
    internal StereoWavRecorder? Release(out RtpEndpoint caller, out RtpEndpoint agent)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var recorder = _recorder;
            _recorder = null;
            Dispose();
            caller = _caller;
            agent = _agent;
            return recorder;
        }
    }

    /// <summary>
    /// Starts recording a bridge that records nothing, from the next tick on; the bridge then
    /// owns <paramref name="recorder"/> as if it had been given at the start.
    /// </summary>
    /// <returns>False, leaving the recorder to the caller, when the bridge already records or has
    /// ended.</returns>
    public bool TryStartRecording(StereoWavRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        lock (_lock)
        {
            if (_disposed || _recorder is not null)
            {
                return false;
            }

            _recorder = recorder;
            return true;
        }
    }

    private void RecordLocked()
    {
        if (_recorder is null)
        {
            return;
        }

        try
        {
            _recorder.WriteFrame(_callerFrame, _agentFrame);
        }
        catch (IOException ex)
        {
            _log?.Error(
                ex,
                "Recording to {RecordingFile} failed; the call goes on unrecorded",
                _recorder.Path);
            DisposeQuietly(_recorder);
            _recorder = null;
        }
    }

    // RFC 4733 digits only: a leg without telephone-event reports in-band digits too, and
    // those already cross the bridge as audio or through the direction's own detector.
    private static void EventDigit(RtpEndpoint from, DtmfInterworking direction, char digit)
    {
        if (from.HasTelephoneEvents)
        {
            direction.Deliver(digit);
        }
    }

    private static void Detach(RtpEndpoint leg, FrameFifo sink, FrameFifo source)
    {
        if (ReferenceEquals(leg.Sink, sink))
        {
            leg.Sink = null;
        }

        if (ReferenceEquals(leg.Source, source))
        {
            leg.Source = null;
        }
    }

    private static void DisposeQuietly(StereoWavRecorder recorder)
    {
        try
        {
            recorder.Dispose();
        }
        catch (IOException)
        {
            // The disk already failed; the error was logged by the caller.
        }
    }
}
