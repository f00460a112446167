using Appliance.Media.Audio;
using Appliance.Media.Engine;
using Serilog;

namespace Appliance.Media.Mixing;

/// <summary>
/// Mixes the audio of any number of legs on the media clock: a conference, or a bridged call
/// with a supervisor who listens (<see cref="MixRole.Listen"/>: hears both sides, heard by
/// none), whispers (<see cref="MixRole.Whisper"/> to the agent: heard by the agent only) or
/// barges in (<see cref="MixRole.Talk"/>: a three-way call). Sources without a leg, such as
/// <see cref="HoldMusic"/>, play into the room and are heard by every party.
/// </summary>
/// <remarks>
/// <para>Each tick reads one 20 ms frame from every party (from its leg's
/// <see cref="RtpEndpoint.JitterBuffer"/> when it has one, else from an 80 ms arrival-order
/// FIFO), sums the talkers once, and gives each party that sum less its own voice plus what is
/// whispered to it, clipped to 16 bits. The cost grows with the number of parties, not with its
/// square, and nothing is allocated per tick.</para>
/// <para>Joining takes over the leg's <see cref="RtpEndpoint.Source"/> and
/// <see cref="RtpEndpoint.Sink"/>; leaving or <see cref="Dispose"/> gives them back (null).
/// The mixer owns a recorder given to <see cref="Record"/>. Thread-safe: every method may be
/// called from any thread while the clock ticks; one lock orders them against the tick.</para>
/// </remarks>
public sealed class MediaMixer : IMediaTicker, IDisposable
{
    /// <summary>Frames each party may hold before the oldest is dropped.</summary>
    public const int FifoFrames = 4;

    private readonly object _lock = new();
    private readonly List<MixerParty> _parties = [];
    private readonly MediaClock _clock;
    private readonly ILogger? _log;
    private readonly int[] _talkSum = new int[RtpEndpoint.SamplesPerFrame];
    private readonly short[] _silence = new short[RtpEndpoint.SamplesPerFrame];
    private StereoWavRecorder? _recorder;
    private MixerParty? _recorded;
    private bool _disposed;

    /// <summary>Creates an empty mixer ticked by <paramref name="clock"/>, the clock of its
    /// legs.</summary>
    /// <param name="clock">The clock that ticks the mixer.</param>
    /// <param name="log">Where a recording failure is reported; null to stay silent.</param>
    public MediaMixer(MediaClock clock, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _log = log?.ForContext<MediaMixer>();
        clock.Register(this);
    }

    /// <summary>Parties in the room, legs and sources.</summary>
    public int PartyCount
    {
        get
        {
            lock (_lock)
            {
                return _parties.Count;
            }
        }
    }

    /// <summary>Ticks mixed so far (20 ms each).</summary>
    public long Ticks { get; private set; }

    /// <summary>
    /// Ends <paramref name="bridge"/> and carries its two legs on into a new mixer as talkers,
    /// with its recording going on (caller left, what the caller hears right), so a supervisor
    /// can join a call already in progress. The frames the bridge still held (40 ms at most)
    /// are dropped.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The bridge was already disposed.</exception>
    public static MediaMixer TakeOver(MediaBridge bridge, MediaClock clock, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(clock);

        var recorder = bridge.Release(out var caller, out var agent);
        var mixer = new MediaMixer(clock, log);
        mixer.Join(caller);
        mixer.Join(agent);
        if (recorder is not null)
        {
            mixer.Record(caller, recorder);
        }

        return mixer;
    }

    /// <summary>Adds a leg with a role; it is heard and hears from the next tick on.</summary>
    /// <param name="leg">The leg; it must not be in another mixer or bridge.</param>
    /// <param name="role">Who hears the leg.</param>
    /// <param name="whisperTo">For <see cref="MixRole.Whisper"/>, the party that hears it; it
    /// must already be in the room.</param>
    /// <exception cref="InvalidOperationException">The leg is already in the room, or the
    /// whisper target is missing or not in the room.</exception>
    public void Join(RtpEndpoint leg, MixRole role = MixRole.Talk, RtpEndpoint? whisperTo = null)
    {
        ArgumentNullException.ThrowIfNull(leg);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (FindLocked(leg) is not null)
            {
                throw new InvalidOperationException($"RTP port {leg.LocalPort} is already in this mixer.");
            }

            var party = new MixerParty(leg, source: null);
            SetRoleLocked(party, role, whisperTo);
            _parties.Add(party);
            leg.Sink = party.FromLeg;
            leg.Source = party.ToLeg;
        }

        _log?.Debug("RTP port {RtpPort} joined the mixer as {Role}", leg.LocalPort, role);
    }

    /// <summary>Changes who hears a leg (listen to whisper to barge and back), from the next
    /// tick on.</summary>
    /// <exception cref="InvalidOperationException">The leg or the whisper target is not in the
    /// room, or a whisper has no target.</exception>
    public void SetRole(RtpEndpoint leg, MixRole role, RtpEndpoint? whisperTo = null)
    {
        ArgumentNullException.ThrowIfNull(leg);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var party = FindLocked(leg)
                ?? throw new InvalidOperationException($"RTP port {leg.LocalPort} is not in this mixer.");
            SetRoleLocked(party, role, whisperTo);
        }

        _log?.Debug("RTP port {RtpPort} in the mixer is now {Role}", leg.LocalPort, role);
    }

    /// <summary>The role of a leg, or null when it is not in the room.</summary>
    public MixRole? RoleOf(RtpEndpoint leg)
    {
        lock (_lock)
        {
            return FindLocked(leg)?.Role;
        }
    }

    /// <summary>
    /// Takes a leg out and gives its source and sink back (null). Whoever whispered to it is
    /// heard by no one until given a new role. A recorded leg's recording is closed.
    /// </summary>
    /// <returns>False when the leg was not in the room.</returns>
    public bool Leave(RtpEndpoint leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        lock (_lock)
        {
            var party = FindLocked(leg);
            if (party is null)
            {
                return false;
            }

            RemoveLocked(party);
        }

        _log?.Debug("RTP port {RtpPort} left the mixer", leg.LocalPort);
        return true;
    }

    /// <summary>Plays a source into the room, heard by every party, e.g. music while a
    /// conference waits for its host. It is read on the clock thread.</summary>
    public void AddSource(IAudioSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _parties.Add(new MixerParty(leg: null, source));
        }
    }

    /// <summary>Stops playing a source added with <see cref="AddSource"/>; false when it was not
    /// playing.</summary>
    public bool RemoveSource(IAudioSource source)
    {
        lock (_lock)
        {
            foreach (var party in _parties)
            {
                if (ReferenceEquals(party.PlayedSource, source))
                {
                    RemoveLocked(party);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Records one leg's side of the room: left what it says, right what it hears (for a call,
    /// the caller left and the agent with any supervisor who barged in right). The mixer owns
    /// the recorder and closes it on <see cref="Dispose"/>, when the leg leaves, or when another
    /// recorder replaces it. A failing disk closes it with one Error; the call goes on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The leg is not in the room.</exception>
    public void Record(RtpEndpoint leg, StereoWavRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(leg);
        ArgumentNullException.ThrowIfNull(recorder);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var party = FindLocked(leg)
                ?? throw new InvalidOperationException($"RTP port {leg.LocalPort} is not in this mixer.");
            if (!ReferenceEquals(_recorder, recorder))
            {
                _recorder?.Dispose();
            }

            _recorder = recorder;
            _recorded = party;
        }
    }

    /// <summary>Called by the clock; reads, mixes and sends one frame for every party.</summary>
    public void Tick()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Ticks++;
            ReadPartiesLocked();
            MixLocked();
            RecordLocked();
        }
    }

    /// <summary>Gives every leg back, closes the recording and stops ticking. Idempotent.</summary>
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
            for (var i = _parties.Count - 1; i >= 0; i--)
            {
                RemoveLocked(_parties[i]);
            }

            _recorder?.Dispose();
            _recorder = null;
        }
    }

    private void ReadPartiesLocked()
    {
        Array.Clear(_talkSum);
        foreach (var party in _parties)
        {
            party.HasAudio = party.Input.ReadFrame(party.Frame);
            if (party.HasAudio && party.Role == MixRole.Talk)
            {
                var frame = party.Frame;
                for (var i = 0; i < frame.Length; i++)
                {
                    _talkSum[i] += frame[i];
                }
            }
        }
    }

    // Each party hears the talkers but itself, plus what is whispered to it.
    private void MixLocked()
    {
        foreach (var party in _parties)
        {
            if (party.Leg is null)
            {
                continue;
            }

            var own = party.HasAudio && party.Role == MixRole.Talk ? party.Frame : _silence;
            var mix = party.Mix;
            for (var i = 0; i < mix.Length; i++)
            {
                mix[i] = Clip(_talkSum[i] - own[i]);
            }

            foreach (var whisperer in _parties)
            {
                if (whisperer.Role == MixRole.Whisper
                    && whisperer.HasAudio
                    && ReferenceEquals(whisperer.WhisperTo, party))
                {
                    AddClipped(mix, whisperer.Frame);
                }
            }

            party.ToLeg.WriteFrame(mix);
        }
    }

    private void RecordLocked()
    {
        if (_recorder is null || _recorded is null)
        {
            return;
        }

        try
        {
            _recorder.WriteFrame(_recorded.HasAudio ? _recorded.Frame : _silence, _recorded.Mix);
        }
        catch (IOException ex)
        {
            _log?.Error(
                ex,
                "Recording to {RecordingFile} failed; the call goes on unrecorded",
                _recorder.Path);
            CloseRecorderQuietly();
        }
    }

    private void SetRoleLocked(MixerParty party, MixRole role, RtpEndpoint? whisperTo)
    {
        MixerParty? target = null;
        if (role == MixRole.Whisper)
        {
            if (whisperTo is null)
            {
                throw new InvalidOperationException("A whisper needs the leg that hears it.");
            }

            target = FindLocked(whisperTo)
                ?? throw new InvalidOperationException(
                    $"RTP port {whisperTo.LocalPort}, the whisper target, is not in this mixer.");
            if (ReferenceEquals(target, party))
            {
                throw new InvalidOperationException("A leg cannot whisper to itself.");
            }
        }

        party.Role = role;
        party.WhisperTo = target;
    }

    private MixerParty? FindLocked(RtpEndpoint leg)
    {
        foreach (var party in _parties)
        {
            if (ReferenceEquals(party.Leg, leg))
            {
                return party;
            }
        }

        return null;
    }

    private void RemoveLocked(MixerParty party)
    {
        _parties.Remove(party);
        foreach (var other in _parties)
        {
            if (ReferenceEquals(other.WhisperTo, party))
            {
                other.WhisperTo = null;
            }
        }

        if (ReferenceEquals(_recorded, party))
        {
            CloseRecorderQuietly();
        }

        if (party.Leg is { } leg)
        {
            if (ReferenceEquals(leg.Sink, party.FromLeg))
            {
                leg.Sink = null;
            }

            if (ReferenceEquals(leg.Source, party.ToLeg))
            {
                leg.Source = null;
            }
        }
    }

    private void CloseRecorderQuietly()
    {
        try
        {
            _recorder?.Dispose();
        }
        catch (IOException)
        {
            // The disk already failed; the error was logged where it was seen.
        }

        _recorder = null;
        _recorded = null;
    }

    private static void AddClipped(Span<short> mix, ReadOnlySpan<short> frame)
    {
        for (var i = 0; i < mix.Length; i++)
        {
            mix[i] = Clip(mix[i] + frame[i]);
        }
    }

    private static short Clip(int sample) => (short)Math.Clamp(sample, short.MinValue, short.MaxValue);
}
