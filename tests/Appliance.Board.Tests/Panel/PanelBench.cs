using System.Device.Gpio;
using Appliance.Board.Network;
using Appliance.Board.Panel;
using Appliance.Board.Profiles;
using Appliance.Board.Virtual;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace Appliance.Board.Tests.Panel;

/// <summary>
/// A front panel on the virtual board with a fake clock, a status the test sets, and recorders
/// for the actions and network applies it asks for.
/// </summary>
internal sealed class PanelBench : IDisposable, IPanelStatus, IBoardActions, INetworkApplier
{
    public PanelBench()
    {
        NetworkDirectory = Directory.CreateTempSubdirectory("board-network-").FullName;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero));
        Profile = BoardProfiles.Find("virtual");
        Options = new FrontPanelOptions
        {
            Profile = Profile,
            Status = this,
            Actions = this,
            Network = this,
            NetworkDirectory = NetworkDirectory,
            Version = "1.2.3+abc",
            Serial = "10000000cafe",
            Slots = () => Slots,
            Time = Time,
            Log = new LoggerConfiguration().CreateLogger(),
        };
        Panel = FrontPanel.Open(Options);
    }

    public FrontPanelOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public BoardProfile Profile { get; }

    public FrontPanel Panel { get; }

    public string NetworkDirectory { get; }

    public PanelStatus Status { get; set; } = new(
        "cc-front-1",
        ["192.168.1.20"],
        ActiveCalls: 0,
        AgentsReady: 3,
        WaitingCalls: 0,
        Trunks: [],
        Alarms: [],
        Healthy: true);

    /// <summary>The root slots the Version screen reads; null is a box without A/B slots.</summary>
    public RootSlots? Slots { get; set; }

    public List<BoardAction> ActionsRun { get; } = [];

    public List<string> Applied { get; } = [];

    public VirtualGpioDriver Chip => Panel.VirtualGpio!;

    public IReadOnlyList<string> Lines => Panel.Lines;

    public string Screen => string.Join("|", Panel.Lines.Select(l => l.TrimEnd()));

    /// <summary>Makes the status source throw, as a room shutting down might.</summary>
    public bool FailStatus { get; set; }

    PanelStatus IPanelStatus.Snapshot() =>
        FailStatus ? throw new ObjectDisposedException("AutomaticCallDistributor") : Status;

    void IBoardActions.Run(BoardAction action) => ActionsRun.Add(action);

    void INetworkApplier.Apply(string interfaceName) => Applied.Add(interfaceName);

    /// <summary>Lets the panel loop run once after the clock moves.</summary>
    public void Wait(TimeSpan time)
    {
        Time.Advance(time);
        Panel.Step();
    }

    /// <summary>A short press on the virtual button: the line goes low, then high again.</summary>
    public void Tap(PanelButton button, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            var pin = Pin(button);
            Chip.SetInput(pin, PinValue.Low);
            Panel.Step();
            Time.Advance(TimeSpan.FromMilliseconds(120));
            Chip.SetInput(pin, PinValue.High);
            Panel.Step();
        }
    }

    /// <summary>Holds the button two seconds, past the long-press time, then lets go.</summary>
    public void Hold(PanelButton button)
    {
        var pin = Pin(button);
        Chip.SetInput(pin, PinValue.Low);
        Panel.Step();
        Time.Advance(TimeSpan.FromSeconds(2));
        Panel.Step();
        Chip.SetInput(pin, PinValue.High);
        Panel.Step();
    }

    public bool Led(string name) => Panel.Leds[name];

    private int Pin(PanelButton button) => Profile.Buttons[button.ToString().ToLowerInvariant()];

    public void Dispose()
    {
        Panel.Dispose();
        Directory.Delete(NetworkDirectory, recursive: true);
    }
}
