using System.Collections.Concurrent;
using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using System.Drawing;
using System.Text;
using Appliance.Board.Menu;
using Appliance.Board.Virtual;
using Iot.Device.CharacterLcd;
using Serilog;

namespace Appliance.Board.Panel;

/// <summary>
/// The front panel of the box: the character LCD (driven by the Iot.Device.Bindings HD44780
/// driver), its four buttons, the run/alarm/network/calls LEDs, the rotating status screens and
/// the setup menu.
/// </summary>
/// <remarks>
/// <para>Thread-safe. <see cref="Step"/> runs on the panel loop (<see cref="RunAsync"/>);
/// <see cref="Press"/> may come from the web at any time; GPIO callbacks only queue edges.</para>
/// <para>A board without an LCD (the generic x64 box) still runs the menu and status on a
/// screen kept in memory, so <see cref="Lines"/> and the web panel work there too.</para>
/// </remarks>
public sealed class FrontPanel : IDisposable
{
    private static readonly TimeSpan s_statusRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_blink = TimeSpan.FromMilliseconds(500);
    private static readonly string[] s_ledNames = ["run", "alarm", "network", "calls"];

    private readonly FrontPanelOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly int _columns;
    private readonly int _rows;
    private readonly string[] _shown;
    private readonly Dictionary<string, bool> _leds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, PanelButton> _buttonPins = [];
    private readonly ConcurrentQueue<(PanelButton Button, bool Down, long At)> _edges = new();
    private readonly Dictionary<PanelButton, (long At, bool Fired)> _held = [];
    private readonly SetupMenu _menu;
    private readonly GpioController? _gpio;
    private readonly PinChangeEventHandler _onEdge;
    private ICharacterLcd? _lcd;
    private IMenuScreen? _screen;
    private PanelStatus _status = PanelStatus.Starting;
    private long _statusAt = long.MinValue;
    private long _lastPressAt;
    private long _pageSince;
    private int _page;
    private bool _statusFailing;
    private bool _disposed;

    private FrontPanel(
        FrontPanelOptions options,
        ICharacterLcd? lcd,
        VirtualLcdBackpack? backpack,
        GpioController? gpio,
        VirtualGpioDriver? chip)
    {
        _options = options;
        _log = options.Log.ForContext<FrontPanel>();
        _time = options.Time;
        _columns = options.Profile.Lcd?.Columns ?? 20;
        _rows = options.Profile.Lcd?.Rows ?? 4;
        _shown = Enumerable.Repeat(string.Empty, _rows).ToArray();
        _lcd = lcd;
        VirtualLcd = backpack;
        _gpio = gpio;
        VirtualGpio = chip;
        _onEdge = OnEdge;
        _menu = new SetupMenu(
            new SetupMenuOptions
            {
                Actions = options.Actions,
                Network = options.Network,
                NetworkDirectory = options.NetworkDirectory,
                NetworkInterface = options.Profile.NetworkInterface,
                Version = options.Version,
                Serial = options.Serial,
                Slots = options.Slots,
                Rows = _rows,
            },
            _log);
        // The four LEDs are kept even on a board without them, so the web panel shows them there.
        foreach (var name in s_ledNames.Concat(options.Profile.Leds.Keys))
        {
            _leds[name] = false;
        }

        _pageSince = _time.GetTimestamp();
        OpenPins();
    }

    /// <summary>The emulated LCD backpack on the virtual board, else null.</summary>
    public VirtualLcdBackpack? VirtualLcd { get; }

    /// <summary>The virtual GPIO chip on the virtual board, else null.</summary>
    public VirtualGpioDriver? VirtualGpio { get; }

    /// <summary>Whether the setup menu is open.</summary>
    public bool MenuOpen
    {
        get
        {
            lock (_gate)
            {
                return _screen is not null;
            }
        }
    }

    /// <summary>
    /// The LCD rows: on the virtual board as the emulated HD44780 holds them, else as last sent.
    /// </summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            if (VirtualLcd is { } backpack)
            {
                return backpack.Controller.ReadRows();
            }

            lock (_gate)
            {
                return [.. _shown];
            }
        }
    }

    /// <summary>
    /// LED name (run, alarm, network, calls) to lit: on the virtual board read back from the GPIO
    /// lines, else as last driven.
    /// </summary>
    public IReadOnlyDictionary<string, bool> Leds
    {
        get
        {
            lock (_gate)
            {
                if (VirtualGpio is { } chip)
                {
                    return _options.Profile.Leds.ToDictionary(
                        l => l.Key,
                        l => chip.Level(l.Value) == PinValue.High,
                        StringComparer.Ordinal);
                }

                return new Dictionary<string, bool>(_leds, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Opens the panel the profile describes.</summary>
    /// <remarks>Hardware that cannot be opened (no I2C bus, no gpiochip) is logged and left out:
    /// the service runs on without a panel rather than not at all.</remarks>
    public static FrontPanel Open(FrontPanelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var profile = options.Profile;
        var log = options.Log.ForContext<FrontPanel>();
        VirtualLcdBackpack? backpack = null;
        ICharacterLcd? lcd = null;
        if (profile.Lcd is { } wiring)
        {
            try
            {
                var device = options.LcdDevice;
                if (device is null && profile.IsVirtual)
                {
                    device = new VirtualLcdBackpack(
                        new I2cConnectionSettings(wiring.Bus, wiring.Address),
                        wiring.Columns,
                        wiring.Rows);
                }

                device ??= I2cDevice.Create(new I2cConnectionSettings(wiring.Bus, wiring.Address));
                backpack = device as VirtualLcdBackpack;
                lcd = CreateLcd(device, wiring.Columns, wiring.Rows);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException
                or PlatformNotSupportedException)
            {
                log.Warning(
                    ex,
                    "The LCD on I2C bus {I2cBus} at {I2cAddress} cannot be opened; the panel runs without it",
                    wiring.Bus,
                    wiring.Address);
            }
        }

        VirtualGpioDriver? chip = null;
        var gpio = options.Gpio;
        if (gpio is null && (profile.Buttons.Count > 0 || profile.Leds.Count > 0))
        {
            try
            {
                if (profile.IsVirtual)
                {
                    chip = new VirtualGpioDriver();
                    gpio = new GpioController(chip);
                }
                else
                {
                    gpio = new GpioController(new LibGpiodDriver(profile.GpioChip));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException
                or PlatformNotSupportedException or DllNotFoundException or InvalidOperationException)
            {
                log.Warning(ex, "GPIO chip {GpioChip} cannot be opened; buttons and LEDs are off",
                    profile.GpioChip);
            }
        }

        return new FrontPanel(options, lcd, backpack, gpio, chip);
    }

    /// <summary>The Iot.Device.Bindings driver over a PCF8574 backpack, 4-bit.</summary>
    private static Hd44780 CreateLcd(I2cDevice device, int columns, int rows)
    {
        var bus = LcdInterface.CreateI2c(device, uses8Bit: false);
        return (columns, rows) switch
        {
            (20, 4) => new Lcd2004(bus),
            (16, 2) => new Lcd1602(bus),
            _ => new Hd44780(new Size(columns, rows), bus),
        };
    }

    /// <summary>
    /// Presses a button by name (up, down, enter, back) as if on the panel; false for an unknown
    /// name. The screen is updated before this returns.
    /// </summary>
    public bool Press(string button, bool longPress)
    {
        if (button is null
            || !Enum.TryParse<PanelButton>(button, ignoreCase: true, out var parsed)
            || !Enum.IsDefined(parsed)
            || button.Any(char.IsDigit))
        {
            return false;
        }

        lock (_gate)
        {
            // After shutdown a late press from the web is dropped, not an error.
            if (!_disposed)
            {
                HandleLocked(new ButtonPress(parsed, longPress));
                RenderLocked();
            }
        }

        return true;
    }

    /// <summary>
    /// One turn of the panel loop: takes queued button edges, refreshes the status, rotates the
    /// screens, closes an idle menu, then updates the LCD and the LEDs.
    /// </summary>
    public void Step()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetTimestamp();
            TakeEdgesLocked(now);

            if (_statusAt == long.MinValue || _time.GetElapsedTime(_statusAt, now) >= s_statusRefresh)
            {
                RefreshStatusLocked(now);
            }

            if (_screen is not null && _time.GetElapsedTime(_lastPressAt, now) >= _options.MenuTimeout)
            {
                _log.Information(
                    "Front panel menu closed after {MenuTimeout} without a press",
                    _options.MenuTimeout);
                _screen = null;
            }

            if (_screen is null && _time.GetElapsedTime(_pageSince, now) >= _options.RotateInterval)
            {
                _page++;
                _pageSince = now;
            }

            RenderLocked();
            DriveLedsLocked();
        }
    }

    /// <summary>Runs <see cref="Step"/> every 100 ms until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Step();
                }
                catch (Exception ex) when (ex is not ObjectDisposedException)
                {
                    // The panel is not worth the service: log and try again on the next turn.
                    _log.Error(ex, "Front panel update failed: {Reason}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of the loop.
        }
    }

    private void OpenPins()
    {
        if (_gpio is null)
        {
            return;
        }

        var profile = _options.Profile;
        foreach (var (name, pin) in profile.Leds)
        {
            _gpio.OpenPin(pin, PinMode.Output);
            _gpio.Write(pin, PinValue.Low);
        }

        foreach (var (name, pin) in profile.Buttons)
        {
            if (!Enum.TryParse<PanelButton>(name, ignoreCase: true, out var button))
            {
                _log.Warning("Board profile {BoardProfile} names an unknown button {Button}", profile.Name, name);
                continue;
            }

            _buttonPins[pin] = button;
            _gpio.OpenPin(pin, profile.ButtonsActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown);
            _gpio.RegisterCallbackForPinValueChangedEvent(
                pin,
                PinEventTypes.Falling | PinEventTypes.Rising,
                _onEdge);
        }
    }

    /// <summary>GPIO callback: queue the edge with its time, nothing else (never block, never throw).</summary>
    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        if (_buttonPins.TryGetValue(args.PinNumber, out var button))
        {
            var falling = args.ChangeType == PinEventTypes.Falling;
            _edges.Enqueue((button, falling == _options.Profile.ButtonsActiveLow, _time.GetTimestamp()));
        }
    }

    private void TakeEdgesLocked(long now)
    {
        while (_edges.TryDequeue(out var edge))
        {
            if (edge.Down)
            {
                _held[edge.Button] = (edge.At, Fired: false);
                continue;
            }

            if (_held.Remove(edge.Button, out var held) && !held.Fired)
            {
                var longPress = _time.GetElapsedTime(held.At, edge.At) >= _options.LongPress;
                HandleLocked(new ButtonPress(edge.Button, longPress));
            }
        }

        // A long press acts once the time is reached, while the button is still held, so the
        // admin sees the panel answer without guessing when to let go.
        foreach (var (button, held) in _held.ToArray())
        {
            if (!held.Fired && _time.GetElapsedTime(held.At, now) >= _options.LongPress)
            {
                _held[button] = (held.At, Fired: true);
                HandleLocked(new ButtonPress(button, Long: true));
            }
        }
    }

    private void HandleLocked(ButtonPress press)
    {
        _lastPressAt = _time.GetTimestamp();
        if (_screen is null)
        {
            // From the status screens Enter opens the menu, Up and Down page through the status.
            switch (press.Button)
            {
                case PanelButton.Enter:
                    _screen = _menu.Main;
                    break;
                case PanelButton.Up:
                    _page--;
                    break;
                case PanelButton.Down:
                    _page++;
                    break;
                default:
                    _page = 0;
                    break;
            }

            _pageSince = _lastPressAt;
            return;
        }

        _screen = _screen.Handle(press);
        if (_screen is null)
        {
            _page = 0;
            _pageSince = _lastPressAt;
        }
    }

    private void RefreshStatusLocked(long now)
    {
        _statusAt = now;
        try
        {
            _status = _options.Status.Snapshot();
            _statusFailing = false;
        }
        catch (Exception ex)
        {
            // A room shutting down or a bug in a status source must not stop the panel; one
            // warning per run of failures, not one a second.
            if (!_statusFailing)
            {
                _log.Warning(ex, "Front panel status failed; the last one stays shown: {Reason}", ex.Message);
            }

            _statusFailing = true;
        }
    }

    private void RenderLocked()
    {
        IReadOnlyList<string> wanted;
        if (_screen is not null)
        {
            wanted = _screen.Render();
        }
        else
        {
            var pages = StatusPages.Build(_status, _rows);
            wanted = pages[((_page % pages.Count) + pages.Count) % pages.Count];
        }

        for (var row = 0; row < _rows; row++)
        {
            var text = Fit(row < wanted.Count ? wanted[row] : string.Empty);
            if (string.Equals(text, _shown[row], StringComparison.Ordinal))
            {
                continue;
            }

            _shown[row] = text;
            WriteRowLocked(row, text);
        }
    }

    private void WriteRowLocked(int row, string text)
    {
        if (_lcd is null)
        {
            return;
        }

        try
        {
            _lcd.SetCursorPosition(0, row);
            _lcd.Write(text);
        }
        catch (IOException ex)
        {
            _log.Warning(ex, "The LCD stopped answering on I2C; the panel goes on without it");
            _lcd = null;
        }
    }

    /// <summary>Pads or cuts to the row width; anything outside printable ASCII shows as '?'.</summary>
    private string Fit(string text)
    {
        var fitted = new StringBuilder(_columns);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, _columns)))
        {
            fitted.Append(c is >= ' ' and <= '}' and not '\\' ? c : '?');
        }

        return fitted.Append(' ', _columns - fitted.Length).ToString();
    }

    private void DriveLedsLocked()
    {
        var blinkOn = _time.GetUtcNow().ToUnixTimeMilliseconds() / (long)s_blink.TotalMilliseconds % 2 == 0;
        SetLedLocked("run", !_status.Healthy || blinkOn);
        SetLedLocked("alarm", _status.AnyAlarm);
        SetLedLocked("network", _status.Addresses.Count > 0);
        SetLedLocked("calls", _status.ActiveCalls > 0);
    }

    private void SetLedLocked(string name, bool lit)
    {
        if (!_leds.TryGetValue(name, out var was) || was == lit)
        {
            return;
        }

        _leds[name] = lit;
        if (_gpio is not null && _options.Profile.Leds.TryGetValue(name, out var pin))
        {
            _gpio.Write(pin, lit ? PinValue.High : PinValue.Low);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            (_lcd as IDisposable)?.Dispose();
            _gpio?.Dispose();
        }
    }
}
