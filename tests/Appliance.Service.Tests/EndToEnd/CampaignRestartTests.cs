using System.Globalization;
using Appliance.CallCenter.Dialer;
using Appliance.Service.Dialer;
using Appliance.Service.Tests.Support;
using Appliance.Storage;
using Appliance.Telephony.Campaigns;
using Serilog;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A campaign that goes on where it stopped across a restart of the real service. While it is
/// stopped, the database gets the rows its sink writes after two attempts of the first run: contact
/// c1 connected and booked a call-back for shortly after the restart, contact c2 busy twice (the
/// campaign allows 2 busy attempts). Started again, the service must dial c1 at its call-back time
/// and not before (a SIPp contact answers it, the SIPp agent 1001 takes it), and never c2.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CampaignRestartTests
{
    private const string Contact = "+15550000021";

    private const string BusyContact = "+15550000022";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AStoredCallBackIsDialledAtItsTimeAfterARestartAndAnExhaustedContactIsNot()
    {
        var contactSipPort = FreePorts.Sip();
        var first = await ApplianceProcess.StartAsync(CampaignArguments(contactSipPort));
        await using var firstRun = first;
        Assert.True(await first.WaitForOutputAsync("Campaign restart loaded", TimeSpan.FromSeconds(20)),
            "The campaign was not loaded.\n" + first.Output);
        Assert.Equal(0, await first.StopGracefullyAsync(TimeSpan.FromSeconds(20)));
        var callbackUtc = DateTimeOffset.UtcNow.AddSeconds(20);
        StoreFirstRun(first.DatabasePath, callbackUtc);

        await using var service = await first.StartAgainAsync();
        var sipp = new SippRunner(service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        await using var contact = sipp.Start(
            "called-answers-hangs-up.xml", contactSipPort, timeout, "-m", "1",
            "-mp", Port(FreePorts.Media()), "-set", "talk", "2000");
        await using var agent = await new AgentPhones(sipp, service).StartAsync("1001", "agent-answers.xml", timeout);
        var connected = await service.WaitForOutputAsync("connected to agent 1001", TimeSpan.FromSeconds(45));
        var contactCall = await contact.WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        await service.WaitForOutputAsync("attempt 2 at contact c1 ended", TimeSpan.FromSeconds(10));

        var why = "\nService:\n" + service.Output;
        Assert.True(connected, "The call-back never reached agent 1001." + why);
        Assert.True(contactCall.ExitCode == 0, contactCall.Describe() + why);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + why);
        Assert.Contains("Call-back of contact c1 restored", service.Output, StringComparison.Ordinal);
        using var database = ApplianceDatabase.Open(service.DatabasePath, new LoggerConfiguration().CreateLogger());
        var rows = database.CampaignAttempts("restart");
        var callback = Assert.Single(rows, r => r.ContactId == "c1" && r.Attempt == 2);
        Assert.Equal("connected", callback.Result);
        Assert.Equal("1001", callback.Agent);
        var dialled = DateTimeOffset.Parse(callback.DialedUtc, CultureInfo.InvariantCulture);
        Assert.True(
            dialled >= callbackUtc.AddMilliseconds(-1),
            $"The call-back due at {callbackUtc:O} was dialled at {dialled:O}." + why);
        Assert.Equal(2, rows.Count(r => r.ContactId == "c2"));
    }

    // The rows the service's own sink writes, as the first run would have after these attempts.
    private static void StoreFirstRun(string databasePath, DateTimeOffset callbackUtc)
    {
        using var database = ApplianceDatabase.Open(databasePath, new LoggerConfiguration().CreateLogger());
        var sink = new DatabaseCampaignSink(database);
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        sink.AttemptEnded(new CampaignAttempt(
            "restart", "c1", Contact, "restart-c1-1", 1, CallResult.Connected, 200, "1001",
            start, start.AddSeconds(5), start.AddSeconds(60)));
        sink.DispositionGiven("restart-c1-1", "callback", callbackUtc);
        sink.AttemptEnded(new CampaignAttempt(
            "restart", "c2", BusyContact, "restart-c2-1", 1, CallResult.Busy, 486, null,
            start, null, start.AddSeconds(2), start.AddMinutes(1)));
        sink.AttemptEnded(new CampaignAttempt(
            "restart", "c2", BusyContact, "restart-c2-2", 2, CallResult.Busy, 486, null,
            start.AddMinutes(1), null, start.AddMinutes(1).AddSeconds(2)));
    }

    private static string[] CampaignArguments(int contactSipPort)
    {
        const string Key = "--Dialer:Campaigns:0:";
        var folder = Directory.CreateTempSubdirectory("sparklecc-campaign-restart-").FullName;
        var contacts = Path.Combine(folder, "contacts.csv");
        File.WriteAllLines(contacts, ["id,phone,timezone", $"c1,{Contact},UTC", $"c2,{BusyContact},UTC"]);
        return
        [
            Key + "Name=restart",
            Key + "CallerId=+15559990000",
            Key + "Mode=progressive",
            Key + "Agents=1001",
            Key + "Contacts=" + contacts,
            Key + "AutoStart=true",
            Key + "CallingHours=00:00-23:59",
            Key + "WrapUpTime=00:00:01",
            Key + "Retry:Busy:Gap=00:00:01",
            Key + "Retry:Busy:Attempts=2",
            Key + "Trunk:Destination=127.0.0.1:" + Port(contactSipPort),
        ];
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
