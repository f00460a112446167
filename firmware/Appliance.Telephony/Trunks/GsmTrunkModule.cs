using System.Threading.Channels;
using Appliance.Drivers.Gsm;
using Serilog;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// One GSM/4G module as a one-channel trunk port: its AT port (<see cref="AtModem"/>), the serial
/// PCM channel its calls' voice crosses, and its state for routing and the status screens. Once
/// started it brings the module up (trying again every <see cref="RetryInterval"/> while the SIM
/// or the module refuses) and reads registration, signal and operator every
/// <see cref="StatusInterval"/>; a module that leaves commands unanswered is reset by the modem.
/// The modem's reports are passed on, in order, on <see cref="Events"/>. A module built from
/// <see cref="GsmModuleDevices"/> opens its ports itself when started, trying again every
/// <see cref="OpenRetryInterval"/> while a device cannot be opened; it is out of service until
/// then. Thread safe.
/// </summary>
public sealed class GsmTrunkModule : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<GsmEvent> _events = Channel.CreateUnbounded<GsmEvent>();
    private readonly GsmModuleDevices? _devices;
    private volatile AtModem? _modem;
    private volatile GsmVoiceChannel? _voice;
    private Task? _run;
    private Task? _pump;
    private volatile GsmModuleState _state;

    /// <param name="name">The port name used in trunk groups and call records (gsm-a).</param>
    /// <param name="modem">The module's AT port; owned and disposed by this module.</param>
    /// <param name="voice">The module's PCM channel; owned and disposed by this module.</param>
    /// <param name="style">Whose command puts voice on the PCM channel.</param>
    /// <param name="time">The clock of the status reads and retries.</param>
    /// <param name="log">Where the module's start-up, resets and status changes are logged.</param>
    public GsmTrunkModule(
        string name,
        AtModem modem,
        GsmVoiceChannel voice,
        GsmModuleStyle style,
        TimeProvider time,
        ILogger log)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _modem = modem;
        _voice = voice;
        Style = style;
        _time = time;
        _log = log.ForContext<GsmTrunkModule>().ForContext("Module", name);
        _state = new GsmModuleState(false, true, modem.Status, 0);
    }

    /// <param name="name">The port name used in trunk groups and call records (gsm-a).</param>
    /// <param name="devices">How to open the module's ports once started; the ports opened are
    /// owned and disposed by this module.</param>
    /// <param name="style">Whose command puts voice on the PCM channel.</param>
    /// <param name="time">The clock of the status reads and retries.</param>
    /// <param name="log">Where the module's ports, start-up, resets and status changes are logged.</param>
    public GsmTrunkModule(
        string name,
        GsmModuleDevices devices,
        GsmModuleStyle style,
        TimeProvider time,
        ILogger log)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(devices);
        Name = name;
        _devices = devices;
        Style = style;
        _time = time;
        _log = log.ForContext<GsmTrunkModule>().ForContext("Module", name);
        _state = new GsmModuleState(
            false, false, new GsmStatus(GsmRegistration.Unknown, null, string.Empty, string.Empty), 0);
    }

    public string Name { get; }

    /// <summary>The module's AT port.</summary>
    /// <exception cref="InvalidOperationException">The port is not open yet; the module is then
    /// out of service, so routing never reaches here.</exception>
    public AtModem Modem => _modem ?? throw new InvalidOperationException($"GSM module {Name} is not open yet.");

    /// <summary>The module's serial PCM channel.</summary>
    /// <exception cref="InvalidOperationException">The port is not open yet.</exception>
    public GsmVoiceChannel Voice => _voice ?? throw new InvalidOperationException($"GSM module {Name} is not open yet.");

    public GsmModuleStyle Style { get; }

    /// <summary>How often registration, signal and operator are read again.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before starting a module again that failed to start.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait before opening again a device that could not be opened.</summary>
    public TimeSpan OpenRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The module now; readable from any thread.</summary>
    public GsmModuleState State => _state;

    /// <summary>The modem's reports (incoming calls, answers, ends, messages, resets) in order.</summary>
    public ChannelReader<GsmEvent> Events => _events.Reader;

    /// <summary>Brings the module up in the background and keeps its status fresh.</summary>
    /// <exception cref="InvalidOperationException">The module was started already.</exception>
    public void Start()
    {
        if (_run is not null)
        {
            throw new InvalidOperationException($"GSM module {Name} is started already.");
        }

        _run = RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _run, _pump })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(false);
            }
        }

        if (_modem is not null)
        {
            await _modem.DisposeAsync().ConfigureAwait(false);
        }

        if (_voice is not null)
        {
            await _voice.DisposeAsync().ConfigureAwait(false);
        }

        _events.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OpenPortsAsync(cancellationToken).ConfigureAwait(false);
            _pump = PumpAsync(cancellationToken);
            await StartModuleAsync(cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(StatusInterval, _time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await ReadStatusAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway is stopping.
        }
    }

    private async Task OpenPortsAsync(CancellationToken cancellationToken)
    {
        if (_devices is null || (_modem is not null && _voice is not null))
        {
            return;
        }

        while (true)
        {
            var device = _devices.ModemDevice;
            try
            {
                _modem ??= _devices.OpenModem();
                device = _devices.VoiceDevice;
                _voice ??= _devices.OpenVoice();
                _log.Information("GSM module {Module} opened {ModemDevice} and {VoiceDevice}",
                    Name, _devices.ModemDevice, _devices.VoiceDevice);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // System.IO.Ports reports a missing device as "access denied"; say what is wrong.
                var reason = File.Exists(device) ? ex.Message : "the device does not exist";
                _log.Error(
                    "GSM module {Module} cannot open {Device} ({Reason}); out of service, trying again in "
                    + "{OpenRetryInterval}",
                    Name,
                    device,
                    reason,
                    OpenRetryInterval);
            }

            await Task.Delay(OpenRetryInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartModuleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Modem.StartAsync(cancellationToken).ConfigureAwait(false);
                _state = new GsmModuleState(true, true, Modem.Status, Modem.Resets);
                return;
            }
            catch (Exception ex) when (ex is AtCommandException or IOException)
            {
                _state = _state with { Responding = ex is not AtCommandException { Result: "timeout" } };
                _log.Error(ex, "GSM module {Module} did not start; trying again in {RetryInterval}",
                    Name, RetryInterval);
            }

            await Task.Delay(RetryInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadStatusAsync(CancellationToken cancellationToken)
    {
        var was = _state;
        try
        {
            var status = await Modem.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
            _state = was with { Responding = true, Status = status, Resets = Modem.Resets };
        }
        catch (Exception ex) when (ex is AtCommandException or IOException)
        {
            // A refusal still shows the module alive; only silence counts against it.
            _state = was with { Responding = ex is not AtCommandException { Result: "timeout" } };
            _log.Debug(ex, "GSM module {Module} status could not be read", Name);
        }

        if (_state.InService != was.InService)
        {
            if (_state.InService)
            {
                _log.Information("GSM module {Module} is in service on {Operator}", Name, _state.Status.Operator);
            }
            else
            {
                _log.Warning(
                    "GSM module {Module} is out of service: {Registration}, answering {Responding}",
                    Name,
                    _state.Status.Registration,
                    _state.Responding);
            }
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in Modem.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (e.Kind == GsmEventKind.ModuleReset)
                {
                    _state = new GsmModuleState(true, true, Modem.Status, Modem.Resets);
                }

                _events.Writer.TryWrite(e);
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway is stopping.
        }
    }
}
