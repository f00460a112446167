using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Service.Board;
using Appliance.Service.Tests.Support;
using Appliance.Storage;
using Serilog;

namespace Appliance.Service.Tests.Board;

[Trait("Category", "Integration")]
[Collection(EndToEndCollection.Name)]
public sealed class ServiceHealthProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("board-health-").FullName;
    private readonly ApplianceDatabase _database;

    public ServiceHealthProbeTests()
    {
        var log = new LoggerConfiguration().CreateLogger();
        _database = ApplianceDatabase.Open(Path.Combine(_folder, "appliance.db"), log);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TheRunningServiceAnswersTheOptionsProbe()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var probe = new ServiceHealthProbe(_database, service.SipEndPoint, TimeProvider.System);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var verdict = await probe.CheckAsync(limit.Token);

        Assert.True(verdict.Healthy, verdict.Problem);
    }

    [Fact]
    public async Task ASilentSipPortNeverPasses()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = (IPEndPoint)silent.Client.LocalEndPoint!;
        var probe = new ServiceHealthProbe(_database, port, TimeProvider.System);
        using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var check = probe.CheckAsync(limit.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);
        var received = await silent.ReceiveAsync();
        Assert.StartsWith("OPTIONS sip:", Encoding.ASCII.GetString(received.Buffer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedDatabaseFailsTheCheck()
    {
        var probe = new ServiceHealthProbe(_database, sip: null, TimeProvider.System);
        _database.Dispose();

        var verdict = await probe.CheckAsync(CancellationToken.None);

        Assert.False(verdict.Healthy);
        Assert.Contains("database", verdict.Problem, StringComparison.Ordinal);
    }
}
