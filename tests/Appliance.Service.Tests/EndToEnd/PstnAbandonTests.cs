using Appliance.Drivers.Simulation;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A caller on the simulated E1 (real Q.931 through libpri) who clears the line at once, before the
/// box has answered: the gateway cancels its INVITE, or acknowledges and ends a 2xx that crossed,
/// so the box ends the call at once and its record says the caller abandoned.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PstnAbandonTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoClearsBeforeTheAnswerIsRecordedAbandonedWithinSecondsAndTheBoxTakesTheNextCall()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await ApplianceProcess.StartAsync($"--Pstn:Card=sim:{socket}?e1=1&fxo=0&gsm=0");
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await SimulatedSpan.WaitInServiceAsync(exchange, "e1-0:30", s_timeout);

        await Command(exchange, "call 0 71 100 channel=1");
        await Command(exchange, "hangup 0 1");
        var cdr = await CdrReader.WaitForCallerAsync(service.DatabasePath, "71", TimeSpan.FromSeconds(10));
        await Command(exchange, "call 0 72 100 channel=2");
        await exchange.WaitForEventAsync("connect port=0 channel=2", s_timeout, CancellationToken.None);

        Assert.True(cdr is not null, "No call record within 10 s\nService:\n" + service.Output);
        Assert.Equal("abandoned", cdr.Disposition);
        Assert.Equal("e1-0", cdr.TrunkPort);
        Assert.DoesNotContain("never acknowledged", service.Output, StringComparison.Ordinal);
    }

    private static async Task<SimulatorReply> Command(SimulatedCardControl exchange, string command)
    {
        var reply = await exchange.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }
}
