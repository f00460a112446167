using System.Globalization;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Blending run by the service: a progressive campaign on the demo's agent 1001, which is also in
/// queue "sales", blends with that queue (<c>Blending:Queues=sales</c>). While 1001 talks to the
/// first SIPp contact, a SIPp caller joins the queue: the campaign must hold its pacing, so when
/// 1001 is free the inbound call gets it, not the second contact; once inbound has been quiet
/// for the quiet time the campaign dials the second contact, who is connected to 1001.
/// </summary>
/// <remarks>
/// Without the blender the campaign dials the second contact the moment 1001's wrap-up closes
/// (progressive: a ready agent, a call), before the queue's caller, who waits meanwhile.
/// </remarks>
[Collection(EndToEndCollection.Name)]
public sealed class CampaignBlendingTests
{
    private const string First = "+15550000021";
    private const string Second = "+15550000022";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnInboundCallWaitingHoldsTheCampaignUntilInboundIsQuietAgain()
    {
        var firstSip = FreePorts.Sip();
        var secondSip = FreePorts.Sip();
        await using var service = await ApplianceProcess.StartAsync(Arguments(firstSip, secondSip));
        var sipp = new SippRunner(service.Root);
        var timeout = TimeSpan.FromSeconds(90);
        await using var first = sipp.Start(
            "called-answers-hangs-up.xml", firstSip, timeout, "-m", "1",
            "-mp", Port(FreePorts.Media()), "-set", "talk", "8000");
        await using var second = sipp.Start(
            "called-answers-hangs-up.xml", secondSip, timeout, "-m", "1",
            "-mp", Port(FreePorts.Media()), "-set", "talk", "2000");
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", timeout, "-m", "3");
        var connected = await service.WaitForOutputAsync("connected to agent 1001", TimeSpan.FromSeconds(20));
        var callId = $"e2e-campaign-blending-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "14000",
            "-cid_str", callId,
            "-mp", Port(FreePorts.Media()),
            "-m", "1").WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var firstCall = await first.WaitAsync();
        var secondCall = await second.WaitAsync();
        var agentCalls = await agent.Peer.WaitAsync();
        var rows = await WaitForAttemptsAsync(service.DatabasePath, 2, TimeSpan.FromSeconds(20));

        var why = "\nService:\n" + service.Output;
        Assert.True(connected, "The campaign call never reached agent 1001." + why);
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(firstCall.ExitCode == 0, firstCall.Describe() + why);
        Assert.True(secondCall.ExitCode == 0, "The campaign did not resume.\n" + secondCall.Describe() + why);
        Assert.True(agentCalls.ExitCode == 0, "1001 did not take three calls.\n" + agentCalls.Describe() + why);
        Assert.NotNull(cdr);
        Assert.True(cdr.Agent == "1001", $"The inbound call was answered by {cdr.Agent}." + why);
        var summary = string.Join("\n", rows.Select(r => r.ToString()));
        var resumed = Assert.Single(rows, r => r.PhoneNumber == Second);
        Assert.Equal("connected", resumed.Result);
        Assert.Equal("1001", resumed.Agent);
        // The call's end is stamped in the CDR a moment after the ACD frees the agent, which is
        // when the campaign takes it back: a second of slack, against the 8 s or more of the
        // inbound call that the campaign would otherwise have dialled into.
        Assert.True(
            Utc(resumed.DialedUtc) > Utc(cdr.EndedUtc!) - TimeSpan.FromSeconds(1),
            $"The campaign dialled {Second} before the inbound call ended at {cdr.EndedUtc}:\n{summary}{why}");
        Assert.Contains("Outbound pacing of campaign blended held True", service.Output, StringComparison.Ordinal);
        Assert.Contains("Outbound pacing of campaign blended held False", service.Output, StringComparison.Ordinal);
    }

    private static string[] Arguments(int firstSip, int secondSip)
    {
        const string Key = "--Dialer:Campaigns:0:";
        var folder = Directory.CreateTempSubdirectory("sparklecc-campaign-blending-").FullName;
        var contacts = Path.Combine(folder, "contacts.csv");
        File.WriteAllLines(contacts, ["id,phone,timezone", $"b1,{First},UTC", $"b2,{Second},UTC"]);
        return
        [
            "--Dialer:Blending:QuietTime=00:00:02",
            "--Dialer:Blending:InboundReserve=0",
            Key + "Name=blended",
            Key + "CallerId=+15559990000",
            Key + "Mode=progressive",
            Key + "Agents=1001",
            Key + "Blending:Queues=sales",
            Key + "Contacts=" + contacts,
            Key + "AutoStart=true",
            Key + "CallingHours=00:00-23:59",
            Key + "WrapUpTime=00:00:01",
            Key + "Trunk:Destination=127.0.0.1:" + Port(firstSip),
            Key + "Trunk:Routes:" + Second + "=127.0.0.1:" + Port(secondSip),
        ];
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static async Task<List<AttemptRow>> WaitForAttemptsAsync(string databasePath, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var rows = new List<AttemptRow>();
        while (DateTime.UtcNow < deadline)
        {
            rows = ReadAttempts(databasePath);
            if (rows.Count >= count)
            {
                break;
            }

            await Task.Delay(200);
        }

        return rows;
    }

    private static List<AttemptRow> ReadAttempts(string databasePath)
    {
        try
        {
            using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
            return connection.Query<AttemptRow>("SELECT * FROM CampaignAttempt ORDER BY Id");
        }
        catch (SQLiteException)
        {
            // The table is not there yet, or the writer holds the file for a moment.
            return [];
        }
    }

    /// <summary>One row of the CampaignAttempt table as stored, mapped by column name.</summary>
    private sealed class AttemptRow
    {
        public string PhoneNumber { get; set; } = "";

        public string Result { get; set; } = "";

        public string? Agent { get; set; }

        public string DialedUtc { get; set; } = "";

        public override string ToString() => $"{PhoneNumber} {Result} agent {Agent} dialled {DialedUtc}";
    }
}
