using System.Globalization;
using System.Net;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The call record keeps the SIP trunk a call came in on and the phone that answered it: an admin
/// adds trunk "carrier-b" at 127.0.0.2 through the routing API, a SIPp caller bound to that
/// address dials DID 100 and agent 1001's SIPp phone answers; the Cdr row names the trunk and the
/// phone's User-Agent, the trunk report counts the call under "carrier-b" and the calls export
/// gives both.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CdrTrunkTests
{
    private static readonly IPAddress s_carrier = IPAddress.Parse("127.0.0.2");

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallFromAConfiguredSipTrunkIsRecordedAndReportedUnderThatTrunk()
    {
        await using var service = await ApplianceProcess.StartAsync(WebApiClient.Arguments(out var https));
        using var admin = await WebApiClient.LoginAsync(service, https);
        using var saved = await admin.SendAsync(
            HttpMethod.Post, "/api/admin/trunks", new { name = "carrier-b", allowedAddress = "127.0.0.2" });
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        var callId = $"e2e-trunk-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            s_carrier,
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "2000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(10));
        // The demo box has no time zone setting, so its report days are the machine's.
        var day = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var trunkCsv = await admin.GetTextAsync($"/api/reports/tables/trunk.csv?from={day}&to={day}");
        var callsCsv = await admin.GetTextAsync($"/api/reports/calls.csv?from={day}&to={day}");

        var why = "\nService:\n" + service.Output;
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + why);
        Assert.NotNull(cdr);
        Assert.Equal(("answered", "1001"), (cdr.Disposition, cdr.Agent));
        Assert.Equal("carrier-b", cdr.Trunk);
        Assert.Equal("SIPp desk phone 3.6", cdr.AgentPhone);
        Assert.Contains(
            trunkCsv.Split("\r\n"), line => line.StartsWith("carrier-b,1,1,", StringComparison.Ordinal));
        var callLine = callsCsv.Split("\r\n").Single(line => line.StartsWith(callId, StringComparison.Ordinal));
        Assert.EndsWith(",carrier-b,,SIPp desk phone 3.6", callLine, StringComparison.Ordinal);
    }
}
