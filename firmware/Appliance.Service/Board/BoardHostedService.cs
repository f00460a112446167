using Appliance.Board.Panel;
using Appliance.Board.Terminal;
using Appliance.Board.Watchdog;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Appliance.Service.Board;

/// <summary>
/// Runs the board inside the service: the front panel loop, the health checks that feed the
/// watchdog, and the terminal panel when <c>Board:Terminal</c> is set.
/// </summary>
internal sealed class BoardHostedService : IHostedService, IDisposable
{
    private readonly FrontPanel _panel;
    private readonly WatchdogFeeder _watchdog;
    private readonly BoardSettings _board;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public BoardHostedService(
        FrontPanel panel,
        WatchdogFeeder watchdog,
        BoardSettings board,
        TimeProvider time,
        ILogger log)
    {
        _panel = panel;
        _watchdog = watchdog;
        _board = board;
        _time = time;
        _log = log.ForContext<BoardHostedService>();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watchdog.Open();
        _log.Information(
            "Board {BoardProfile}: {BoardDescription}; network files in {NetworkDirectory}",
            _board.Profile.Name,
            _board.Profile.Description,
            _board.NetworkDirectory);
        _loops.Add(_panel.RunAsync(_stopping.Token));
        _loops.Add(_watchdog.RunAsync(_stopping.Token));
        if (_board.Terminal)
        {
            _loops.Add(PanelTerminal.RunAsync(_panel, Console.Out, ReadKey, _time, _stopping.Token));
        }

        return Task.CompletedTask;
    }

    private static ConsoleKeyInfo? ReadKey()
    {
        try
        {
            return Console.KeyAvailable ? Console.ReadKey(intercept: true) : null;
        }
        catch (InvalidOperationException)
        {
            // Standard input is not a terminal: the panel is drawn but takes no keys.
            return null;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        await _watchdog.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
