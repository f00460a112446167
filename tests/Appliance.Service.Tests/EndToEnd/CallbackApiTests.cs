using System.Globalization;
using System.Net;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The callback list and its cancel through the real service's HTTPS API: two callbacks are put
/// back in the demo's queue "sales" at start, the first is being dialled (a SIPp UAS on the
/// callback trunk rings without answering), the second waits behind it. An admin lists both,
/// cancels the waiting one (audited, its row done), is told 409 for the one being dialled and
/// 404 for one that does not exist.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CallbackApiTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAdminListsPendingCallbacksAndCancelsTheWaitingOneButNotTheOneBeingDialled()
    {
        var trunkPort = FreePorts.Sip();
        var web = WebApiClient.Arguments(out var https);
        await using var seeded = await ApplianceProcess.StartAsync(
        [
            "--Callbacks:Trunk=127.0.0.1:" + trunkPort.ToString(CultureInfo.InvariantCulture),
            "--Callbacks:RingLimit=00:02:00",
            .. web,
        ]);
        var sipp = new SippRunner(seeded.Root);
        await using var trunk = sipp.Start(
            "agent-rings.xml",
            trunkPort,
            TimeSpan.FromSeconds(120),
            "-m", "1",
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture));
        await using var service = await QueueWaitingTests.ConfigureAsync(
            seeded,
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never' WHERE Name = 'sales'",
            "INSERT INTO Callback (Id, Queue, Number, Did, Priority, Level, RequestedUtc, Attempts, Result, Done) "
            + "VALUES ('first', 'sales', '5557001', '100', 0, 1, '2025-01-06T09:00:00Z', 0, 'waiting', 0)",
            "INSERT INTO Callback (Id, Queue, Number, Did, Priority, Level, RequestedUtc, Attempts, Result, Done) "
            + "VALUES ('second', 'sales', '5557002', '100', 0, 1, '2025-01-06T09:05:00Z', 0, 'waiting', 0)");
        using var admin = await WebApiClient.LoginAsync(service, https);
        var dialling = await service.WaitForOutputAsync("Callback first attempt 1", TimeSpan.FromSeconds(30));

        var before = await ListAsync(admin);
        using var cancelled = await admin.SendAsync(HttpMethod.Delete, "/api/callbacks/second");
        using var busy = await admin.SendAsync(HttpMethod.Delete, "/api/callbacks/first");
        using var unknown = await admin.SendAsync(HttpMethod.Delete, "/api/callbacks/nobody");
        var after = await ListAsync(admin);
        using var audit = await admin.GetJsonAsync("/api/admin/audit");

        Assert.True(dialling, "The first callback was not dialled.\n" + service.Output);
        Assert.Equal(new[] { "first", "second" }, before.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("dialling", before[0].GetProperty("state").GetString());
        var second = before[1];
        Assert.Equal(
            ("sales", "5557002", "waiting"),
            (second.GetProperty("queue").GetString(),
                second.GetProperty("number").GetString(),
                second.GetProperty("state").GetString()));
        Assert.Equal(
            new DateTimeOffset(2025, 1, 6, 9, 5, 0, TimeSpan.Zero),
            second.GetProperty("requestedUtc").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(new[] { "first" }, after.Select(c => c.GetProperty("id").GetString()));
        Assert.Contains("callback.cancelled", audit.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Callback second to 5557002 for queue sales cancelled", service.Output, StringComparison.Ordinal);
        using var db = new SQLiteConnection(service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        Assert.Equal("cancelled", db.ExecuteScalar<string>("SELECT Result FROM Callback WHERE Id = 'second'"));
        Assert.Equal(1, db.ExecuteScalar<int>("SELECT Done FROM Callback WHERE Id = 'second'"));
    }

    private static async Task<List<JsonElement>> ListAsync(WebApiClient client)
    {
        using var document = await client.GetJsonAsync("/api/callbacks");
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
