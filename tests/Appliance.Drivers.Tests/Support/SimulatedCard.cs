using Appliance.Drivers.Cards;
using Appliance.Drivers.Simulation;
using Serilog;
using Serilog.Core;

namespace Appliance.Drivers.Tests.Support;

/// <summary>A simulated card on a fresh control socket, with its far end connected.</summary>
internal sealed class SimulatedCard : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private SimulatedCard(TelephonyCard card, SimulatedCardControl farEnd, string socketPath)
    {
        Card = card;
        FarEnd = farEnd;
        SocketPath = socketPath;
    }

    public TelephonyCard Card { get; }

    public SimulatedCardControl FarEnd { get; }

    public string SocketPath { get; }

    public static string NewSocketPath() =>
        Path.Combine(Path.GetTempPath(), $"sparkle-card-{Guid.NewGuid():N}.sock");

    public static async Task<SimulatedCard> StartAsync(int e1 = 1, int fxo = 1, int gsm = 1)
    {
        string path = NewSocketPath();
        var card = TelephonyCard.Open($"sim:{path}?e1={e1}&fxo={fxo}&gsm={gsm}", Logger.None);
        var farEnd = await SimulatedCardControl.ConnectAsync(path, CancellationToken.None);
        return new SimulatedCard(card, farEnd, path);
    }

    /// <summary>The next event of a kind, skipping others (alarms while layer 2 comes up).</summary>
    public Task<CardEvent> NextAsync(CardEventKind kind) => NextAsync(kind, _ => true);

    public async Task<CardEvent> NextAsync(CardEventKind kind, Func<CardEvent, bool> wanted)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            CardEvent e = await Card.Events.ReadAsync(deadline.Token);
            if (e.Kind == kind && wanted(e))
            {
                return e;
            }
        }
    }

    /// <summary>Waits until every E1 span's D channel is up.</summary>
    public async Task WaitForSpansInServiceAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (Card.Ports().Any(p => p.Kind == PortKind.E1Pri && !p.InService))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    public Task<SimulatorReply> CommandAsync(string command) =>
        FarEnd.CommandAsync(command, CancellationToken.None);

    public Task<string> FarEventAsync(string prefix) =>
        FarEnd.WaitForEventAsync(prefix, Timeout, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await FarEnd.DisposeAsync();
        Card.Dispose();
    }
}
