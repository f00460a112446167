using System.Threading.Channels;
using Appliance.Drivers.Native;
using Serilog;

namespace Appliance.Drivers.Cards;

/// <summary>
/// An open telephony card (DAHDI or simulated) through the sparkle_card library. Every method is
/// safe from any thread and returns promptly: the library only queues the work and its signalling
/// runs on its own threads, and events arrive on <see cref="Events"/> from a pump thread of this
/// object, so no caller waits on the card.
/// </summary>
public sealed class TelephonyCard : IDisposable
{
    /// <summary>The shortest echo tail <see cref="SetEchoCanceller"/> takes, in ms.</summary>
    public const int MinEchoTailMs = 8;

    /// <summary>The longest echo tail <see cref="SetEchoCanceller"/> takes, in ms.</summary>
    public const int MaxEchoTailMs = 256;

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    private readonly CardHandle _handle;
    private readonly ILogger _log;
    private readonly Channel<CardEvent> _events = Channel.CreateUnbounded<CardEvent>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private readonly Thread _pump;
    private volatile bool _stopping;

    private TelephonyCard(CardHandle handle, string uri, ILogger log)
    {
        _handle = handle;
        _log = log;
        Uri = uri;
        _pump = new Thread(PumpEvents) { IsBackground = true, Name = $"card events {uri}" };
        _pump.Start();
    }

    /// <summary>What the card was opened with: sim:&lt;socket&gt;?e1=N&amp;fxo=N&amp;gsm=N or
    /// dahdi:&lt;directory&gt;.</summary>
    public string Uri { get; }

    /// <summary>Events in the order the card raised them; completes when the card is
    /// disposed.</summary>
    public ChannelReader<CardEvent> Events => _events.Reader;

    /// <summary>The ABI version of the loaded library.</summary>
    public static int LibraryAbiVersion => SparkleCardNative.AbiVersionOfLibrary();

    /// <summary>Opens a card.</summary>
    /// <exception cref="CardException">The library refused the URI or could not open the card; the
    /// message gives the library's reason, naming the option at fault.</exception>
    public static TelephonyCard Open(string uri, ILogger log)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(log);
        int version = SparkleCardNative.AbiVersionOfLibrary();
        if (version != SparkleCardNative.AbiVersion)
        {
            throw new CardException(
                $"libsparkle_card speaks ABI {version}, this assembly ABI {SparkleCardNative.AbiVersion}.");
        }

        CardStatus status = CardHandle.TryOpen(uri, out CardHandle handle, out string reason);
        if (status != CardStatus.Ok)
        {
            handle.Dispose();
            throw new CardException(status, $"Opening card {uri}", reason);
        }
        var card = new TelephonyCard(handle, uri, log.ForContext<TelephonyCard>());
        card._log.Information("Card {CardUri} opened with {PortCount} ports", uri, card.Ports().Count);
        return card;
    }

    /// <summary>A snapshot of every port with its alarms and busy channels.</summary>
    public IReadOnlyList<CardPort> Ports()
    {
        int count = 0;
        Check(_handle.Call(0, (h, _) => SparkleCardNative.PortCount(h, out count)), "Counting ports");
        var ports = new CardPort[count];
        for (int i = 0; i < count; i++)
        {
            ports[i] = Port(i);
        }
        return ports;
    }

    /// <exception cref="CardException">With <see cref="CardStatus.UnknownPort"/>.</exception>
    public CardPort Port(int port)
    {
        NativePortInfo info = default;
        Check(_handle.Call(port, (h, p) => SparkleCardNative.PortInfo(h, p, out info)), $"Reading port {port}");
        return new CardPort(
            info.Port,
            info.NameText(),
            (PortKind)info.Kind,
            info.Channels,
            (CompandingLaw)info.Law,
            (PortAlarms)info.Alarms,
            info.BusyChannels);
    }

    /// <summary>Places a call; <paramref name="channel"/> null lets the card pick a free one.</summary>
    /// <returns>The channel the call took.</returns>
    /// <exception cref="CardException">Busy, in alarm, or an unknown port or channel.</exception>
    public int Dial(int port, int? channel, PhoneNumber calling, PhoneNumber called)
    {
        calling.Validate(nameof(calling));
        called.Validate(nameof(called));
        var nativeCalling = NativeNumber.From(
            calling.Digits, (int)calling.Type, (int)calling.Plan, (int)calling.Presentation);
        var nativeCalled = NativeNumber.From(called.Digits, (int)called.Type, (int)called.Plan, 0);
        int chosen = 0;
        int status = _handle.Call(
            (port, channel ?? -1),
            (h, s) => SparkleCardNative.Dial(h, s.port, s.Item2, in nativeCalling, in nativeCalled, out chosen));
        Check(status, $"Dialling on port {port}");
        return chosen;
    }

    /// <exception cref="CardException">No incoming call waits on the channel, or it is unknown.</exception>
    public void Answer(int port, int channel) =>
        Check(_handle.Call((port, channel), (h, s) => SparkleCardNative.Answer(h, s.port, s.channel)),
            $"Answering port {port} channel {channel}");

    /// <summary>Clears the call on a channel with a Q.850 cause (16 is normal clearing).</summary>
    public void Hangup(int port, int channel, int cause) =>
        Check(
            _handle.Call((port, channel, cause), (h, s) => SparkleCardNative.Hangup(h, s.port, s.channel, s.cause)),
            $"Hanging up port {port} channel {channel}");

    public void SendDigit(int port, int channel, char digit) =>
        Check(
            _handle.Call((port, channel, digit), (h, s) => SparkleCardNative.SendDigit(h, s.port, s.channel, s.digit)),
            $"Sending digit on port {port} channel {channel}");

    /// <summary>
    /// Switches the card's line echo canceller of an FXO port on or off and sets the longest echo
    /// it covers, from <see cref="MinEchoTailMs"/> to <see cref="MaxEchoTailMs"/> ms. FXO ports
    /// start with it on and 128 ms; the setting takes effect at the port's next call.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tail is out of range.</exception>
    /// <exception cref="CardException">The port is unknown or not an FXO port (Unsupported).</exception>
    public void SetEchoCanceller(int port, bool enabled, int tailMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tailMs, MinEchoTailMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tailMs, MaxEchoTailMs);
        Check(
            _handle.Call(
                (port, enabled ? 1 : 0, tailMs),
                (h, s) => SparkleCardNative.SetEchoCanceller(h, s.port, s.Item2, s.tailMs)),
            $"Setting the echo canceller of port {port}");
    }

    /// <summary>Sends one 20 ms frame (160 bytes of the port's G.711 law) to the line.</summary>
    public unsafe void WriteAudio(int port, int channel, ReadOnlySpan<byte> frame)
    {
        int status;
        fixed (byte* data = frame)
        {
            nint address = (nint)data;
            int length = frame.Length;
            status = _handle.Call(
                (port, channel),
                (h, s) => SparkleCardNative.WriteAudio(h, s.port, s.channel, (byte*)address, length));
        }
        Check(status, $"Writing audio to port {port} channel {channel}");
    }

    /// <summary>Takes the next 20 ms frame from the line, if one is waiting.</summary>
    /// <returns>False when no frame is waiting yet.</returns>
    public unsafe bool TryReadAudio(int port, int channel, Span<byte> frame)
    {
        int status;
        fixed (byte* data = frame)
        {
            nint address = (nint)data;
            int capacity = frame.Length;
            status = _handle.Call(
                (port, channel),
                (h, s) => SparkleCardNative.ReadAudio(h, s.port, s.channel, (byte*)address, capacity, out _));
        }
        if (status == (int)CardStatus.Timeout)
        {
            return false;
        }
        Check(status, $"Reading audio from port {port} channel {channel}");
        return true;
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        _pump.Join();
        _handle.Dispose();
        _events.Writer.TryComplete();
        _log.Information("Card {CardUri} closed", Uri);
    }

    private static void Check(int status, string operation)
    {
        if (status != 0)
        {
            throw new CardException((CardStatus)status, operation);
        }
    }

    private void PumpEvents()
    {
        int timeoutMs = (int)s_pollInterval.TotalMilliseconds;
        while (!_stopping)
        {
            NativeEvent e = default;
            int status;
            try
            {
                status = _handle.Call(timeoutMs, (h, t) => SparkleCardNative.PollEvent(h, out e, t));
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            if (status == (int)CardStatus.Timeout)
            {
                continue;
            }
            if (status != 0)
            {
                _log.Error("Card {CardUri} event pump stopped: {Status}", Uri, (CardStatus)status);
                break;
            }
            _events.Writer.TryWrite(ToEvent(e));
        }
    }

    private static CardEvent ToEvent(in NativeEvent e) => new(
        (CardEventKind)e.Type,
        e.Port,
        e.Channel,
        e.Cause,
        (PortAlarms)e.Alarms,
        (char)e.Digit,
        ToNumber(e.Calling),
        ToNumber(e.Called));

    private static PhoneNumber ToNumber(in NativeNumber n) => new(
        n.DigitsText(),
        (TypeOfNumber)n.TypeOfNumber,
        (NumberingPlan)n.NumberingPlan,
        (NumberPresentation)n.Presentation);
}
