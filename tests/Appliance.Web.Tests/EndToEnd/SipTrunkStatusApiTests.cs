using System.Globalization;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Sip.Tests.Support;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// A carrier trunk of Sip:Trunks on the real service: its host resolves through dnsmasq (NAPTR to
/// SRV to A) on loopback to two SIPp servers, the first answering 503 and the second a registrar
/// that challenges with digest and grants 2 s, so the box fails over, registers, refreshes once,
/// and <c>/api/trunks</c> shows the trunk registered at the second server.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SipTrunkStatusApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TrunkRegistersAtTheSecondSrvServerAfterA503AndTheApiShowsWhere()
    {
        var downPort = FreePorts.Sip();
        var upPort = FreePorts.Sip();
        var logs = Directory.CreateTempSubdirectory("sparkle-trunk-");
        await using var dns = await Dnsmasq.StartAsync(
            "--naptr-record=carrier.test,10,10,s,SIP+D2U,,_sip._udp.carrier.test",
            Dnsmasq.CarrierSrv(downPort, 10, "down.carrier.test"),
            Dnsmasq.CarrierSrv(upPort, 20, "up.carrier.test"),
            "--host-record=down.carrier.test,127.0.0.1",
            "--host-record=up.carrier.test,127.0.0.1");
        var sipp = new SippRunner(logs.FullName);
        await using var unavailable = sipp.Start(
            "sip/carrier-unavailable.xml", downPort, s_timeout, "-m", "1");
        await using var registrar = sipp.Start(
            "sip/carrier-registrar.xml", upPort, s_timeout, "-m", "1", "-key", "grant", "2");
        await LoopbackPorts.WaitUntilBoundAsync(downPort, s_timeout);
        await LoopbackPorts.WaitUntilBoundAsync(upPort, s_timeout);

        await using var box = await WebBox.StartAsync(
            "demo",
            $"--Sip:Dns:Servers={dns.EndPoint}",
            "--Sip:Trunks:0:Name=carrier",
            "--Sip:Trunks:0:Host=carrier.test",
            "--Sip:Trunks:0:Register=yes",
            "--Sip:Trunks:0:User=box",
            "--Sip:Trunks:0:Password=trunk-secret",
            "--Sip:Trunks:0:Expires=00:01:00",
            "--Sip:Trunks:0:Qualify=00:00:00");
        using var supervisor = box.Client();
        await WebBox.LoginAsync(supervisor, "supervisor");
        using var trunks = await WaitForTrunkAsync(
            supervisor,
            t => t.GetProperty("registration").GetString() == "registered");
        var unavailableRun = await unavailable.WaitAsync();
        var registrarRun = await registrar.WaitAsync();

        var trunk = trunks.RootElement.GetProperty("sipTrunks")[0];
        Assert.Equal("carrier", trunk.GetProperty("name").GetString());
        Assert.Equal("carrier.test", trunk.GetProperty("host").GetString());
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{upPort}"),
            trunk.GetProperty("target").GetString());
        Assert.Equal(200, trunk.GetProperty("lastStatus").GetInt32());
        Assert.Equal(JsonValueKind.String, trunk.GetProperty("expiresUtc").ValueKind);
        Assert.True(unavailableRun.ExitCode == 0, unavailableRun.Describe() + "\nService:\n" + box.Service.Output);
        Assert.Equal(2, unavailableRun.ReceivedRequestLines.Count);
        Assert.True(registrarRun.ExitCode == 0, registrarRun.Describe() + "\nService:\n" + box.Service.Output);
        Assert.Equal(
            4,
            registrarRun.ReceivedRequestLines.Count(l => l.StartsWith("REGISTER sip:carrier.test ", StringComparison.Ordinal)));
    }

    /// <summary>Reads /api/trunks until the first SIP trunk satisfies the condition.</summary>
    private static async Task<JsonDocument> WaitForTrunkAsync(
        HttpClient client,
        Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            var text = await client.GetStringAsync(new Uri("/api/trunks", UriKind.Relative));
            var trunks = JsonDocument.Parse(text);
            if (trunks.RootElement.GetProperty("sipTrunks") is { ValueKind: JsonValueKind.Array } list
                && list.GetArrayLength() > 0
                && condition(list[0]))
            {
                return trunks;
            }

            trunks.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "The SIP trunk never registered: " + text);
            await Task.Delay(200);
        }
    }
}
