using Appliance.Board.Panel;
using Appliance.Board.Terminal;
using Appliance.Board.Tests.Panel;

namespace Appliance.Board.Tests.Terminal;

public sealed class PanelTerminalTests : IDisposable
{
    private readonly PanelBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void FrameShowsTheLcdRowsAndTheLeds()
    {
        var frame = PanelTerminal.Draw(
            ["hello", "world"],
            new Dictionary<string, bool> { ["run"] = true, ["alarm"] = false });

        Assert.Equal(
            "+-----+\n|hello|\n|world|\n+-----+\n(*) run  ( ) alarm\n"
            + "arrows/k/j move  Enter  Esc back  L hold Enter\n",
            frame);
    }

    [Theory]
    [InlineData(ConsoleKey.UpArrow, "up", false)]
    [InlineData(ConsoleKey.J, "down", false)]
    [InlineData(ConsoleKey.Enter, "enter", false)]
    [InlineData(ConsoleKey.L, "enter", true)]
    [InlineData(ConsoleKey.Escape, "back", false)]
    public void KeysStandForTheButtons(ConsoleKey key, string button, bool longPress)
    {
        var info = new ConsoleKeyInfo('\0', key, shift: false, alt: false, control: false);

        var mapped = PanelTerminal.TryMap(info, out var name, out var held);

        Assert.True(mapped);
        Assert.Equal(button, name);
        Assert.Equal(longPress, held);
    }

    [Fact]
    public void OtherKeysPressNothing()
    {
        var info = new ConsoleKeyInfo('x', ConsoleKey.X, shift: false, alt: false, control: false);

        Assert.False(PanelTerminal.TryMap(info, out _, out _));
    }

    [Fact]
    public async Task AKeyPressedInTheTerminalOpensTheMenuAndTheFrameIsRedrawn()
    {
        _bench.Panel.Step();
        var keys = new Queue<ConsoleKeyInfo>([new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false)]);
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();

        var run = PanelTerminal.RunAsync(
            _bench.Panel,
            output,
            () => keys.Count > 0 ? keys.Dequeue() : null,
            _bench.Time,
            stop.Token);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(_bench.Panel.MenuOpen);
        Assert.Contains("|> Network           |", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(PanelTerminal.ClearScreen, output.ToString(), StringComparison.Ordinal);
    }
}
