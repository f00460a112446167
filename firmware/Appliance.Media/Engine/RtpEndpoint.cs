using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Dtmf;
using Appliance.Media.Jitter;
using Appliance.Media.Quality;
using Appliance.Media.Rtcp;
using Appliance.Media.Rtp;
using Appliance.Media.Srtp;
using Serilog;

namespace Appliance.Media.Engine;

/// <summary>
/// One RTP leg on its own UDP socket: a receive loop decodes the negotiated codec (G.711, G.722
/// or Opus) into 160-sample 8 kHz frames for <see cref="Sink"/> and key presses (RFC 4733 events,
/// or in-band tones from a leg without telephone-event) into
/// <see cref="DtmfReceived"/>, and each 20 ms tick of the <see cref="MediaClock"/> pulls one
/// frame from <see cref="Source"/> (silence when there is none) and sends it in packets of the
/// far end's ptime once <see cref="Configure"/> has named the far end.
/// </summary>
/// <remarks>
/// <para>Threads: <see cref="Sink"/> and <see cref="DtmfReceived"/> are called on the receive
/// loop, <see cref="Source"/> on the clock thread; neither may block. <see cref="Configure"/>,
/// <see cref="SendDtmf"/> and the properties may be used from any thread: the send settings
/// are one immutable object swapped atomically.</para>
/// <para>Symmetric RTP (RFC 4961): after the first valid packet following
/// <see cref="Configure"/>, media goes to the address that packet came from, which gets
/// through NATs that rewrite the address in the SDP. On a plain leg any host that learns the
/// port first can take the stream; on an SRTP leg (<see cref="UseSrtp"/>) only a packet that
/// authenticates latches.</para>
/// <para>A malformed or unexpected datagram is dropped and counted; the loop never dies. At
/// most one Warning per endpoint per ten seconds reports the drops. Nothing is allocated per
/// packet: the datagram, frame and address buffers are reused.</para>
/// </remarks>
public sealed class RtpEndpoint : IAsyncDisposable
{
    /// <summary>Samples in one 20 ms frame at 8 kHz.</summary>
    public const int SamplesPerFrame = 160;

    /// <summary>The default length of a DTMF digit sent with <see cref="SendDtmf"/>.</summary>
    public static readonly TimeSpan DefaultDtmfDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest packet time we send; a far end asking for more gets this.</summary>
    public const int MaxPtimeMs = 30;

    private const int ComfortNoisePayloadType = 13;

    // Room left after the payload for the SRTP authentication tag (RFC 3711 §3.1: 10 bytes at most).
    private const int SrtpTagRoom = 16;
    private static readonly TimeSpan s_warningInterval = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly MediaPortAllocator _ports;
    private readonly MediaClock _clock;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly SendTicker _ticker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private readonly ReceptionStatistics _statistics;
    private readonly RtcpChannel? _rtcp;
    private int _reportEveryTicks;

    // Touched only by the receive loop.
    private readonly byte[] _receiveBuffer = ArrayPool<byte>.Shared.Rent(RtpPacket.MaxLength);
    private readonly short[] _receiveFrame = new short[SamplesPerFrame];
    private readonly short[] _decodeBuffer = new short[RtpPacket.MaxLength];
    private readonly SocketAddress _receiveAddress;
    private readonly DtmfReceiver _dtmfReceiver = new();
    private readonly InbandDtmfDetector _inbandDetector = new();
    private readonly G711Codec _pcmuFallback = new(AudioCodec.Pcmu);
    private readonly G711Codec _pcmaFallback = new(AudioCodec.Pcma);
    private uint _timestampBase;
    private uint _timestampBaseSsrc;
    private bool _haveTimestampBase;
    private int _receiveFrameFill;
    private bool _haveReceived;
    private uint _lastSsrc;
    private bool _haveEvents;
    private uint _eventSsrc;
    private ushort _lastSequence;

    // Touched only by the clock thread, under _sendLock so DisposeAsync can return the buffer.
    private readonly object _sendLock = new();
    private readonly byte[] _sendBuffer = ArrayPool<byte>.Shared.Rent(RtpPacket.MaxLength);
    private readonly short[] _sendFrame = new short[SamplesPerFrame];
    private readonly short[] _sendPending = new short[MaxPtimeMs * 8 + SamplesPerFrame];
    private int _pendingSamples;
    private readonly DtmfSender _dtmfSender = new();
    private readonly ConcurrentQueue<(char Digit, int Samples)> _pendingDigits = new();
    private readonly uint _ssrc;
    private ushort _sequence;
    private uint _timestamp;
    private int _sentGeneration;
    private int _ticksSinceReport;
    private long _octetsSent;

    // Swapped whole by Configure and by latching; read with Volatile.Read.
    private SendSettings? _settings;
    private int _generation;
    private volatile IAudioSource? _source;
    private volatile IAudioSink? _sink;
    private volatile AdaptiveJitterBuffer? _jitterBuffer;
    private volatile SrtpKeys? _srtp;
    private long _srtpRefused;
    private long _packetsReceived;
    private long _packetsSent;
    private long _malformedPackets;
    private long _ignoredPackets;
    private long _sendFailures;
    private long _droppedSinceWarning;
    private long _lastWarningTimestamp;
    private long _configuredTimestamp;
    private int _disposed;
    private volatile bool _sendPaused;

    private RtpEndpoint(
        Socket socket,
        int port,
        MediaPortAllocator ports,
        MediaClock clock,
        ILogger log,
        TimeProvider time)
    {
        _socket = socket;
        _ports = ports;
        _clock = clock;
        _time = time;
        LocalPort = port;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _log = log.ForContext<RtpEndpoint>().ForContext("RtpPort", port);
        _receiveAddress = new SocketAddress(socket.AddressFamily);

        // RFC 3550 §5.1: SSRC, first sequence number and first timestamp are random.
        _ssrc = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        _sequence = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        _timestamp = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);

        // RFC 3550 §6.2: at least 5 s between reports, randomised (here 4 to 6 s) per session so
        // that the streams of one box do not report in step.
        _statistics = new ReceptionStatistics(8000, time);
        _rtcp = RtcpChannel.TryOpen(LocalEndPoint, _ssrc, _log, time);
        _reportEveryTicks = RandomNumberGenerator.GetInt32(200, 301);

        _inbandDetector.DigitDetected += InbandDigitDetected;
        _ticker = new SendTicker(this);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        clock.Register(_ticker);
    }

    /// <summary>
    /// Raised on the receive loop once per key press (0-9, *, #, A-D): an RFC 4733 event when the
    /// far end negotiated telephone-event, else a Q.23 tone pair found in its audio by a Q.24
    /// detector (<see cref="InbandDtmfDetector"/>), as a PSTN gateway or a plain phone sends it.
    /// </summary>
    public event Action<char>? DtmfReceived;

    /// <summary>The UDP port the socket is bound to, an even port of the allocator.</summary>
    public int LocalPort { get; }

    /// <summary>The bound address and port; still readable after <see cref="DisposeAsync"/>.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Where media is sent: the SDP address, then the latched source once a packet came; null
    /// before <see cref="Configure"/>.
    /// </summary>
    public IPEndPoint? RemoteEndPoint => Volatile.Read(ref _settings)?.Remote;

    /// <summary>The codec sent; null before <see cref="Configure"/>.</summary>
    public AudioCodec? Codec => Volatile.Read(ref _settings)?.Codec;

    /// <summary>The packet time sent, in ms (10, 20 or 30); null before <see cref="Configure"/>.</summary>
    public int? PtimeMs => Volatile.Read(ref _settings)?.PtimeSamples / 8;

    /// <summary>The audio pulled once per tick; null sends silence.</summary>
    public IAudioSource? Source
    {
        get => _source;
        set => _source = value;
    }

    /// <summary>Where received audio goes, 160 samples at a time; null discards it.</summary>
    public IAudioSink? Sink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>
    /// When set, received audio is decoded into this buffer in timestamp order instead of being
    /// handed to <see cref="Sink"/> in arrival order; the reader (a bridge, a mixer, the IVR)
    /// pulls it on the clock. Null (the default) keeps the arrival-order path of a relay.
    /// </summary>
    public AdaptiveJitterBuffer? JitterBuffer
    {
        get => _jitterBuffer;
        set => _jitterBuffer = value;
    }

    /// <summary>
    /// True stops sending while the far end does not want media (SDP sendonly or inactive, a
    /// call put on hold); the source is still read each tick so it stays in time, and the RTP
    /// timestamp keeps counting, so resuming needs no new stream. Any thread.
    /// </summary>
    public bool SendPaused
    {
        get => _sendPaused;
        set => _sendPaused = value;
    }

    /// <summary>True while media is protected with SRTP (<see cref="UseSrtp"/>).</summary>
    public bool IsSecure => _srtp is not null;

    /// <summary>
    /// True when the far end negotiated telephone-event (RFC 4733): its digits arrive as events
    /// and <see cref="SendDtmf"/> works. False before <see cref="Configure"/> and for a leg
    /// whose digits are in-band tones (a PSTN gateway or a phone without it).
    /// </summary>
    public bool HasTelephoneEvents => Volatile.Read(ref _settings)?.TelephoneEventPayloadType is not null;

    /// <summary>SRTP packets refused: failed authentication or replays.</summary>
    public long SrtpRefused => Interlocked.Read(ref _srtpRefused);

    /// <summary>The SSRC of the packets this endpoint sends.</summary>
    public uint Ssrc => _ssrc;

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Datagrams dropped as not RTP, or too short for what their header claims.</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformedPackets);

    /// <summary>Valid RTP dropped: unknown payload types, comfort noise, duplicates and late
    /// packets.</summary>
    public long IgnoredPackets => Interlocked.Read(ref _ignoredPackets);

    /// <summary>Sends the socket refused (e.g. no route to the far end).</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Ticks between RTCP reports; tests shorten it from about 250 (5 s).</summary>
    internal int ReportEveryTicks
    {
        get => _reportEveryTicks;
        set => _reportEveryTicks = Math.Max(1, value);
    }

    /// <summary>RTCP reports received from the far end on the port above <see cref="LocalPort"/>.</summary>
    public long RtcpReportsReceived => _rtcp?.ReportsReceived ?? 0;

    /// <summary>The round trip from the far end's last RTCP report on our SR, or null.</summary>
    public TimeSpan? RoundTrip => _rtcp?.RoundTrip;

    /// <summary>
    /// How long since the last RTP packet came, or since <see cref="Configure"/> when none has
    /// yet; zero before <see cref="Configure"/>. The media timeout of a call reads this.
    /// </summary>
    public TimeSpan SinceLastPacket
    {
        get
        {
            var last = Math.Max(_statistics.LastArrivalTimestamp, Interlocked.Read(ref _configuredTimestamp));
            return last == 0 ? TimeSpan.Zero : _time.GetElapsedTime(last);
        }
    }

    /// <summary>
    /// The quality of what this leg received so far: loss and jitter of the far end's stream
    /// (RFC 3550 A.3, A.8), the RTCP round trip and the E-model rating. Safe from any thread.
    /// </summary>
    public CallQuality Quality
    {
        get
        {
            var (loss, jitter, expected) = _statistics.Summary();
            var buffer = _jitterBuffer?.TargetDelay ?? TimeSpan.Zero;
            return CallQuality.From(loss, jitter, RoundTrip, buffer, expected);
        }
    }

    /// <summary>
    /// Binds a UDP socket on the next free port of <paramref name="ports"/> and starts receiving.
    /// Ports another process holds are skipped.
    /// </summary>
    /// <exception cref="InvalidOperationException">No port of the range could be bound.</exception>
    public static RtpEndpoint Open(
        IPAddress bindAddress,
        MediaPortAllocator ports,
        MediaClock clock,
        ILogger log,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(log);

        var busy = new List<int>();
        try
        {
            for (var attempt = 0; attempt < ports.Capacity; attempt++)
            {
                if (!ports.TryAllocate(out var port))
                {
                    break;
                }

                var socket = new Socket(bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    if (bindAddress.Equals(IPAddress.IPv6Any))
                    {
                        socket.DualMode = true;
                    }

                    socket.Bind(new IPEndPoint(bindAddress, port));
                    return new RtpEndpoint(socket, port, ports, clock, log, time ?? TimeProvider.System);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
                {
                    socket.Dispose();
                    busy.Add(port);
                }
                catch
                {
                    socket.Dispose();
                    ports.Release(port);
                    throw;
                }
            }
        }
        finally
        {
            foreach (var port in busy)
            {
                ports.Release(port);
            }
        }

        throw new InvalidOperationException(
            $"No RTP port is free in {ports.MinPort}-{ports.MaxPort} on {bindAddress} "
            + $"({ports.InUse} of {ports.Capacity} in use here, {busy.Count} held by other programs).");
    }

    /// <summary>
    /// Names the far end from the SDP and starts sending: from the next tick one packet per
    /// <paramref name="ptimeMs"/> goes to <paramref name="remote"/>, the first with the marker
    /// bit. Calling it again (a re-INVITE) switches codec, packet time and address and latches
    /// anew; the coder state is kept when the codec stays the same.
    /// </summary>
    /// <param name="remote">The RTP address and port from the far end's SDP.</param>
    /// <param name="codec">The negotiated codec.</param>
    /// <param name="payloadType">Its payload type, the static one (0, 8, 9) or Opus's dynamic one.</param>
    /// <param name="telephoneEventPayloadType">The RFC 4733 payload type, at the codec's clock
    /// rate, or null when not negotiated.</param>
    /// <param name="ptimeMs">The far end's a=ptime (RFC 4566 §6): 10, 20 or 30 ms are sent as
    /// asked; other values are rounded down to a multiple of 10 within that range, and Opus,
    /// which has no 30 ms frame (RFC 6716 §2.1.4), sends 20 instead.</param>
    /// <param name="remoteRtcp">Where RTCP goes when the SDP named it (a=rtcp, RFC 3605);
    /// null for the RTP port plus one (RFC 3550 §11).</param>
    /// <exception cref="ArgumentOutOfRangeException">A payload type outside 0-127.</exception>
    public void Configure(
        IPEndPoint remote,
        AudioCodec codec,
        int payloadType,
        int? telephoneEventPayloadType,
        int ptimeMs = 20,
        IPEndPoint? remoteRtcp = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadType);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, 127);
        if (telephoneEventPayloadType is { } eventType)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(eventType, nameof(telephoneEventPayloadType));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(eventType, 127, nameof(telephoneEventPayloadType));
        }

        var target = ForSocket(remote);
        var previous = Volatile.Read(ref _settings);
        var keepCoders = previous is not null && previous.Codec == codec;
        var ptime = Math.Clamp(ptimeMs / 10 * 10, 10, MaxPtimeMs);
        if (codec == AudioCodec.Opus && ptime > 20)
        {
            ptime = 20;
        }

        var settings = new SendSettings(
            target,
            target.Serialize(),
            codec,
            payloadType,
            telephoneEventPayloadType,
            Interlocked.Increment(ref _generation),
            Latched: false)
        {
            Encoder = keepCoders ? previous!.Encoder : VoiceCodecs.Create(codec),
            Decoder = keepCoders ? previous!.Decoder : VoiceCodecs.Create(codec),
            PtimeSamples = ptime * 8,
            ClockScale = VoiceCodecs.ClockRateHz(codec) / 8000,
        };
        Volatile.Write(ref _settings, settings);
        Interlocked.Exchange(ref _configuredTimestamp, _time.GetTimestamp());
        _rtcp?.Configure(target, remoteRtcp is null ? null : ForSocket(remoteRtcp));
        _log.Debug(
            "RTP on port {RtpPort} sends {Codec}/{PayloadType} every {PtimeMs} ms to {RemoteEndPoint}",
            LocalPort,
            codec,
            payloadType,
            ptime,
            target);
    }

    /// <summary>
    /// Protects the leg with SRTP and SRTCP (RFC 3711) from the next packet on: what we send is
    /// keyed by our own a=crypto line, what we receive by the far end's (RFC 4568 §6.1: each
    /// side sends with the key it offered or answered). Plain RTP arriving afterwards is refused
    /// and counted, and only packets that authenticate latch the address (RFC 4961), so a
    /// stranger who learns the port cannot take the stream. Null for both turns SRTP off (a
    /// re-INVITE to plain RTP). The contexts of a previous call are not disposed, since a
    /// receive loop may still be using them; the garbage collector releases them. Call it
    /// before <see cref="Configure"/>, or the first packets go out in the clear.
    /// </summary>
    /// <exception cref="ArgumentException">Only one of the two lines is given.</exception>
    public void UseSrtp(SdesCrypto? sending, SdesCrypto? receiving)
    {
        if ((sending is null) != (receiving is null))
        {
            throw new ArgumentException("SRTP needs both our key and the far end's, or neither.");
        }

        var keys = sending is null ? null : new SrtpKeys(sending.CreateContext(), receiving!.CreateContext());
        _srtp = keys;
        _rtcp?.UseSrtp(keys?.Protect, keys?.Unprotect);
        _log.Debug(
            "RTP on port {RtpPort} is {Security}",
            LocalPort,
            keys is null ? "plain RTP" : "SRTP " + SdesCrypto.SuiteName(sending!.Suite));
    }

    /// <summary>
    /// Queues an RFC 4733 key press; it goes out on the next ticks after any queued before it.
    /// Audio from <see cref="Source"/> is still read but not sent while the event lasts.
    /// </summary>
    /// <exception cref="ArgumentException">Not a DTMF digit (0-9, *, #, A-D).</exception>
    /// <exception cref="InvalidOperationException">No telephone-event payload type was
    /// negotiated.</exception>
    public void SendDtmf(char digit, TimeSpan? duration = null)
    {
        if (!TelephoneEvent.TryGetEventCode(digit, out _))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit (0-9, *, #, A-D).", nameof(digit));
        }

        if (Volatile.Read(ref _settings)?.TelephoneEventPayloadType is null)
        {
            throw new InvalidOperationException(
                $"RTP port {LocalPort} cannot send DTMF: the far end did not accept telephone-event.");
        }

        var seconds = (duration ?? DefaultDtmfDuration).TotalSeconds;
        _pendingDigits.Enqueue((digit, (int)Math.Clamp(seconds * 8000, SamplesPerFrame, ushort.MaxValue)));
    }

    /// <summary>Stops sending and receiving, closes the socket and returns the port. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _clock.Unregister(_ticker);
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        if (_rtcp is not null)
        {
            await _rtcp.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        _ports.Release(LocalPort);
        ArrayPool<byte>.Shared.Return(_receiveBuffer);
        lock (_sendLock)
        {
            ArrayPool<byte>.Shared.Return(_sendBuffer);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var token = _stop.Token;
        var consecutiveErrors = 0;
        while (!token.IsCancellationRequested)
        {
            int length;
            try
            {
                // A socket failing every read must not spin a core.
                if (consecutiveErrors > 10)
                {
                    await Task.Delay(MediaClock.Interval, _time, token).ConfigureAwait(false);
                }

                var buffer = _receiveBuffer.AsMemory(0, RtpPacket.MaxLength);
                length = await _socket
                    .ReceiveFromAsync(buffer, SocketFlags.None, _receiveAddress, token)
                    .ConfigureAwait(false);
                consecutiveErrors = 0;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // An ICMP error from an earlier send can surface here; it is not fatal to the leg.
                if (token.IsCancellationRequested)
                {
                    break;
                }

                Interlocked.Increment(ref _malformedPackets);
                WarnDropped("receive failed", error: ex.SocketErrorCode);
                consecutiveErrors++;
                continue;
            }

            try
            {
                if (TryUnprotect(_receiveBuffer.AsSpan(0, length), out var plain))
                {
                    HandleDatagram(_receiveBuffer.AsSpan(0, plain));
                }
            }
            catch (Exception ex)
            {
                // A failing sink or handler costs one packet, never the loop.
                Interlocked.Increment(ref _malformedPackets);
                WarnDropped(ex.GetType().Name + ": " + ex.Message);
            }
        }
    }

    // RFC 3711 §3.3: authenticate, check replay, decrypt, in place; plain legs pass through.
    private bool TryUnprotect(Span<byte> datagram, out int length)
    {
        length = datagram.Length;
        var srtp = _srtp;
        if (srtp is null)
        {
            return true;
        }

        var result = srtp.Unprotect.UnprotectRtp(datagram, out length);
        switch (result)
        {
            case SrtpUnprotectResult.Ok:
                return true;
            case SrtpUnprotectResult.Replayed:
                Interlocked.Increment(ref _srtpRefused);
                Interlocked.Increment(ref _ignoredPackets);
                return false;
            case SrtpUnprotectResult.AuthenticationFailed:
                Interlocked.Increment(ref _srtpRefused);
                Interlocked.Increment(ref _malformedPackets);
                WarnDropped("SRTP authentication failed");
                return false;
            default:
                Interlocked.Increment(ref _malformedPackets);
                WarnDropped("too short for SRTP");
                return false;
        }
    }

    private void HandleDatagram(ReadOnlySpan<byte> datagram)
    {
        if (!RtpPacket.TryRead(datagram, out var header, out var payload))
        {
            Interlocked.Increment(ref _malformedPackets);
            WarnDropped("not an RTP version 2 packet");
            return;
        }

        Interlocked.Increment(ref _packetsReceived);
        var settings = Volatile.Read(ref _settings);
        if (settings?.TelephoneEventPayloadType == header.PayloadType)
        {
            LatchIfFirst(settings);
            NoteStream(header);

            // Some senders give events their own SSRC beside the audio's; only a new event
            // stream starts the receiver afresh, or every key press would be reported once per
            // audio packet between its event packets.
            if (!_haveEvents || header.Ssrc != _eventSsrc)
            {
                _haveEvents = true;
                _eventSsrc = header.Ssrc;
                _dtmfReceiver.Reset();
            }

            if (_dtmfReceiver.TryAccept(header, payload, out var digit))
            {
                _log.Debug("RTP on port {RtpPort} received DTMF {Digit}", LocalPort, digit);
                DtmfReceived?.Invoke(digit);
            }

            return;
        }

        var codec = DecoderFor(settings, header.PayloadType);
        if (codec is null)
        {
            // Comfort noise (RFC 3389) and muxed RTCP are expected from some phones; not an error.
            Interlocked.Increment(ref _ignoredPackets);
            if (header.PayloadType != ComfortNoisePayloadType && header.PayloadType is < 72 or > 76)
            {
                WarnDropped("a payload type that was not negotiated", header.PayloadType);
            }

            return;
        }

        if (settings is not null)
        {
            LatchIfFirst(settings);
        }

        // Statistics and the jitter buffer count time at 8 kHz, whatever the codec's clock.
        var scale = codec.ClockRateHz / 8000;
        var media = scale == 1 ? header : header with { Timestamp = ToMediaTimestamp(header, scale) };

        // The jitter buffer orders packets itself, so reordered ones are not dropped here.
        var jitterBuffer = _jitterBuffer;
        if (jitterBuffer is not null)
        {
            NoteStream(media);
            DecodeToJitterBuffer(jitterBuffer, codec, media, payload);
            return;
        }

        if (!NoteStream(media))
        {
            Interlocked.Increment(ref _ignoredPackets);
            return;
        }

        DecodeToSink(codec, payload);
    }

    private void DecodeToJitterBuffer(
        AdaptiveJitterBuffer buffer,
        IVoiceCodec codec,
        in RtpHeader header,
        ReadOnlySpan<byte> payload)
    {
        var count = codec.Decode(payload, _decodeBuffer);
        if (count < 0)
        {
            Interlocked.Increment(ref _malformedPackets);
            WarnDropped("a payload the codec could not decode", header.PayloadType);
            return;
        }

        // Opus conceals its own losses; G.711 and G.722 are repeated with a fade by the buffer.
        if (!ReferenceEquals(buffer.Concealer, codec))
        {
            buffer.Concealer = codec;
        }

        DetectInband(_decodeBuffer.AsSpan(0, count));
        if (!buffer.Put(header, _decodeBuffer.AsSpan(0, count)))
        {
            Interlocked.Increment(ref _ignoredPackets);
        }
    }

    // A 48 kHz timestamp counted from the stream's first packet in 8 kHz units, so a wrap of the
    // 32-bit counter within the call does not jump (RFC 3550 §5.1: the start is random).
    private uint ToMediaTimestamp(in RtpHeader header, int scale)
    {
        if (!_haveTimestampBase || header.Ssrc != _timestampBaseSsrc)
        {
            _haveTimestampBase = true;
            _timestampBaseSsrc = header.Ssrc;
            _timestampBase = header.Timestamp;
        }

        var offset = (int)(header.Timestamp - _timestampBase);
        return (uint)(offset / scale);
    }

    // Tracks SSRC and sequence; false for a duplicate or a packet older than the last one.
    private bool NoteStream(in RtpHeader header)
    {
        _statistics.Note(header.Ssrc, header.SequenceNumber, header.Timestamp);
        if (!_haveReceived || header.Ssrc != _lastSsrc)
        {
            _haveReceived = true;
            _lastSsrc = header.Ssrc;
            _lastSequence = header.SequenceNumber;
            return true;
        }

        if (!RtpPacket.IsLater(header.SequenceNumber, _lastSequence))
        {
            return false;
        }

        _lastSequence = header.SequenceNumber;
        return true;
    }

    private void DecodeToSink(IVoiceCodec codec, ReadOnlySpan<byte> payload)
    {
        var count = codec.Decode(payload, _decodeBuffer);
        if (count < 0)
        {
            Interlocked.Increment(ref _malformedPackets);
            WarnDropped("a payload the codec could not decode");
            return;
        }

        // Any ptime works: samples gather into 160-sample frames, the remainder waits for the next packet.
        var samples = _decodeBuffer.AsSpan(0, count);
        DetectInband(samples);
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, SamplesPerFrame - _receiveFrameFill);
            samples[..take].CopyTo(_receiveFrame.AsSpan(_receiveFrameFill));
            _receiveFrameFill += take;
            samples = samples[take..];
            if (_receiveFrameFill == SamplesPerFrame)
            {
                _receiveFrameFill = 0;
                _sink?.WriteFrame(_receiveFrame);
            }
        }
    }

    // A leg without telephone-event keys its digits in the audio (PSTN gateways, plain phones).
    private void DetectInband(ReadOnlySpan<short> samples)
    {
        if (Volatile.Read(ref _settings) is { TelephoneEventPayloadType: null })
        {
            _inbandDetector.WriteFrame(samples);
        }
    }

    private void InbandDigitDetected(char digit)
    {
        _log.Debug("RTP on port {RtpPort} heard in-band DTMF {Digit}", LocalPort, digit);
        DtmfReceived?.Invoke(digit);
    }

    // The negotiated codec; G.711 on its static payload types is taken even when not negotiated,
    // as phones send it before or after a re-INVITE.
    private IVoiceCodec? DecoderFor(SendSettings? settings, int payloadType)
    {
        if (settings is not null && payloadType == settings.PayloadType)
        {
            return settings.Decoder;
        }

        return payloadType switch
        {
            (int)AudioCodec.Pcmu => _pcmuFallback,
            (int)AudioCodec.Pcma => _pcmaFallback,
            _ => null,
        };
    }

    private void LatchIfFirst(SendSettings settings)
    {
        if (settings.Latched)
        {
            return;
        }

        var latched = settings with { Latched = true };
        if (!_receiveAddress.Equals(settings.RemoteAddress))
        {
            var source = (IPEndPoint)settings.Remote.Create(_receiveAddress);
            latched = latched with { Remote = source, RemoteAddress = source.Serialize() };
            _log.Debug(
                "RTP on port {RtpPort} latched to {RemoteEndPoint} instead of {SdpEndPoint}",
                LocalPort,
                source,
                settings.Remote);
        }

        // A concurrent Configure wins: its settings latch on the next packet.
        Interlocked.CompareExchange(ref _settings, latched, settings);
    }

    private void Tick()
    {
        var settings = Volatile.Read(ref _settings);
        if (settings is null)
        {
            return;
        }

        lock (_sendLock)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var hasAudio = _source?.ReadFrame(_sendFrame) ?? false;
            var tickUnits = (uint)(SamplesPerFrame * settings.ClockScale);
            if (_sendPaused)
            {
                _timestamp += tickUnits + (uint)(_pendingSamples * settings.ClockScale);
                _pendingSamples = 0;
                return;
            }

            if (!hasAudio)
            {
                _sendFrame.AsSpan().Clear();
            }

            if (!_dtmfSender.IsActive
                && settings.TelephoneEventPayloadType is not null
                && _pendingDigits.TryDequeue(out var pending))
            {
                // Audio waiting for a packet is dropped; the event starts where it began.
                var units = Math.Min(pending.Samples * settings.ClockScale, ushort.MaxValue);
                _dtmfSender.Start(pending.Digit, units, _timestamp);
                _timestamp += (uint)(_pendingSamples * settings.ClockScale);
                _pendingSamples = 0;
            }

            if (_dtmfSender.IsActive && settings.TelephoneEventPayloadType is { } eventType)
            {
                var length = WriteEventPacket(eventType, (int)tickUnits);
                _timestamp += tickUnits;
                Send(settings, length);
            }
            else
            {
                SendAudioLocked(settings);
            }

            if (++_ticksSinceReport >= _reportEveryTicks)
            {
                _ticksSinceReport = 0;
                SendReportLocked();
            }
        }
    }

    // RFC 3550 §6.4: an SR since we send media, with one block about the stream we receive.
    private void SendReportLocked()
    {
        if (_rtcp is null)
        {
            return;
        }

        var sender = new SenderInfo(
            RtcpPacket.ToNtp(_time.GetUtcNow()),
            _timestamp,
            (uint)Interlocked.Read(ref _packetsSent),
            (uint)_octetsSent);
        ReceptionReport? report = _statistics.Ssrc == 0 && PacketsReceived == 0
            ? null
            : _statistics.TakeReport();
        _rtcp.Send(sender, report);
    }

    // The tick's frame joins what waits; each whole packet time of it goes out at once, so 10 ms
    // sends two packets a tick and 30 ms one packet on two ticks of three.
    private void SendAudioLocked(SendSettings settings)
    {
        _sendFrame.CopyTo(_sendPending.AsSpan(_pendingSamples));
        _pendingSamples += SamplesPerFrame;
        var packet = settings.PtimeSamples;
        while (_pendingSamples >= packet)
        {
            var length = WriteAudioPacket(settings, _sendPending.AsSpan(0, packet));
            _timestamp += (uint)(packet * settings.ClockScale);
            Send(settings, length);
            _pendingSamples -= packet;
            _sendPending.AsSpan(packet, _pendingSamples).CopyTo(_sendPending);
        }
    }

    // RFC 3551 §4.1: the marker flags the first packet of a talkspurt, here the first after Configure.
    private int WriteAudioPacket(SendSettings settings, ReadOnlySpan<short> samples)
    {
        var marker = settings.Generation != _sentGeneration;
        _sentGeneration = settings.Generation;
        var header = new RtpHeader
        {
            Marker = marker,
            PayloadType = settings.PayloadType,
            SequenceNumber = _sequence++,
            Timestamp = _timestamp,
            Ssrc = _ssrc,
        };
        var offset = header.Write(_sendBuffer);
        var length = settings.Encoder.Encode(samples, _sendBuffer.AsSpan(offset, RtpPacket.MaxLength - offset - SrtpTagRoom));
        return offset + length;
    }

    // RFC 4733 §2.5.1: every packet of the event carries the event's start timestamp, and its
    // duration counts in the audio codec's clock (§2.3: telephone-event shares it).
    private int WriteEventPacket(int payloadType, int tickUnits)
    {
        var payload = _sendBuffer.AsSpan(RtpHeader.FixedLength);
        var length = _dtmfSender.WriteNext(payload, tickUnits, out var marker);
        var header = new RtpHeader
        {
            Marker = marker,
            PayloadType = payloadType,
            SequenceNumber = _sequence++,
            Timestamp = _dtmfSender.Timestamp,
            Ssrc = _ssrc,
        };
        return header.Write(_sendBuffer) + length;
    }

    private void Send(SendSettings settings, int length)
    {
        try
        {
            var payloadLength = length - RtpHeader.FixedLength;
            if (_srtp is { } srtp)
            {
                length = srtp.Protect.ProtectRtp(_sendBuffer, length);
            }

            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, settings.RemoteAddress);
            Interlocked.Increment(ref _packetsSent);
            _octetsSent += payloadLength;
        }
        catch (SocketException ex)
        {
            Interlocked.Increment(ref _sendFailures);
            WarnDropped("send failed", error: ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            Interlocked.Increment(ref _sendFailures);
        }
    }

    // One Warning per interval per endpoint, summarising what was dropped since the last one.
    private void WarnDropped(string reason, int payloadType = -1, SocketError error = SocketError.Success)
    {
        var dropped = Interlocked.Increment(ref _droppedSinceWarning);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTimestamp);
        if (last != 0 && _time.GetElapsedTime(last, now) < s_warningInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastWarningTimestamp, now, last) != last)
        {
            return;
        }

        Interlocked.Exchange(ref _droppedSinceWarning, 0);
        _log.Warning(
            "RTP on port {RtpPort} dropped {Dropped} packets, the latest from {RemoteEndPoint}: {Reason}",
            LocalPort,
            dropped,
            DescribeSource(),
            Describe(reason, payloadType, error));
    }

    // Composed only when a Warning is written, so a flood of drops allocates nothing.
    private static string Describe(string reason, int payloadType, SocketError error)
    {
        if (payloadType >= 0)
        {
            return $"{reason} ({payloadType})";
        }

        return error == SocketError.Success ? reason : $"{reason} ({error})";
    }

    private string DescribeSource()
    {
        try
        {
            var any = _socket.AddressFamily == AddressFamily.InterNetworkV6
                ? IPAddress.IPv6Any
                : IPAddress.Any;
            return new IPEndPoint(any, 0).Create(_receiveAddress).ToString() ?? "?";
        }
        catch (ArgumentException)
        {
            return "?";
        }
    }

    // A dual-mode IPv6 socket sends to IPv4 peers through their mapped address.
    private IPEndPoint ForSocket(IPEndPoint remote) =>
        _socket.AddressFamily == AddressFamily.InterNetworkV6
        && remote.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(remote.Address.MapToIPv6(), remote.Port)
            : remote;

    private sealed record SrtpKeys(SrtpContext Protect, SrtpContext Unprotect);

    private sealed record SendSettings(
        IPEndPoint Remote,
        SocketAddress RemoteAddress,
        AudioCodec Codec,
        int PayloadType,
        int? TelephoneEventPayloadType,
        int Generation,
        bool Latched)
    {
        /// <summary>Used by the clock thread only.</summary>
        public required IVoiceCodec Encoder { get; init; }

        /// <summary>Used by the receive loop only.</summary>
        public required IVoiceCodec Decoder { get; init; }

        /// <summary>8 kHz samples per packet sent.</summary>
        public required int PtimeSamples { get; init; }

        /// <summary>RTP clock units per 8 kHz sample: 1, or 6 for Opus.</summary>
        public required int ClockScale { get; init; }
    }

    // The clock's view of the endpoint, kept private so only the clock ticks it.
    private sealed class SendTicker(RtpEndpoint endpoint) : IMediaTicker
    {
        public void Tick() => endpoint.Tick();

        public override string ToString() => "RTP port " + endpoint.LocalPort;
    }
}
