using System.Globalization;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The hold of a campaign answer that finds no agent free (<c>Dialer:AbandonHold</c>): SIPp
/// contacts behind the trunk, the SIPp agent 1001. Power mode with two calls per ready agent
/// dials both contacts at once for the one agent; the first answers at once and takes the agent,
/// the second answers 3 s later, while the agent still talks, and must wait in silence for the
/// agent, freed within the hold, instead of hearing the abandon message.
/// </summary>
/// <remarks>
/// The hold is 4 s here rather than the default 2 s, so the agent's release (first talk 3.6 s,
/// wrap-up 1 s) lands inside it with a second or more to spare either side on a loaded machine.
/// The hold running out (abandon message, attempt stored abandoned) is CampaignTests' late
/// contact, which is held the default 2 s while the agent talks on.
/// </remarks>
[Collection(EndToEndCollection.Name)]
public sealed class CampaignHoldTests
{
    private const string First = "+15550000011";
    private const string Held = "+15550000012";
    private const double ContactToneHz = 440;
    private const double AgentToneHz = 1000;
    private const int OneSecondOfWindows = 4;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAnswerThatFindsNoAgentIsConnectedToTheAgentFreedWithinTheHold()
    {
        var contactsFile = WriteContacts();
        int firstSip = FreePorts.Sip(), firstMedia = FreePorts.Media();
        int heldSip = FreePorts.Sip(), heldMedia = FreePorts.Media();
        await using var service = await ApplianceProcess.StartAsync(Arguments(contactsFile, firstSip, heldSip));
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        await using var first = sipp.Start(
            "called-answers-hangs-up.xml", firstSip, timeout, "-m", "1", "-mp", Port(firstMedia),
            "-set", "talk", "3600");
        await using var held = sipp.Start(
            "called-answers-after-hangs-up.xml", heldSip, timeout, "-m", "1", "-mp", Port(heldMedia),
            "-set", "ring", "3000", "-set", "talk", "4000");
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", timeout, "-m", "2");

        var firstCall = await first.WaitAsync();
        var heldCall = await held.WaitAsync();
        var agentCalls = await agent.Peer.WaitAsync();
        var rows = await WaitForAttemptsAsync(service.DatabasePath, 2, TimeSpan.FromSeconds(20));
        var datagrams = await capture.StopAsync();

        var why = "\nService:\n" + service.Output;
        Assert.True(firstCall.ExitCode == 0, firstCall.Describe() + why);
        Assert.True(heldCall.ExitCode == 0, "The held contact's call failed.\n" + heldCall.Describe() + why);
        Assert.True(agentCalls.ExitCode == 0, "The agent did not take two calls.\n" + agentCalls.Describe() + why);
        var summary = string.Join("\n", rows.Select(r => r.ToString()));
        var heldRow = Assert.Single(rows, r => r.PhoneNumber == Held);
        Assert.True(heldRow.Result == "connected", "The held answer was not connected:\n" + summary + why);
        Assert.Equal("1001", heldRow.Agent);
        Assert.Equal("connected", Assert.Single(rows, r => r.PhoneNumber == First).Result);
        Assert.Contains("freed within the hold", service.Output, StringComparison.Ordinal);

        var heardByHeld = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, heldMedia));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByHeld, AgentToneHz) >= OneSecondOfWindows,
            $"The held contact did not hear the agent's {AgentToneHz} Hz: {ToneAnalysis.Describe(heardByHeld)}");
        var recordings = Directory.GetFiles(
            Path.Combine(service.DataDirectory, "recordings"), "*.wav", SearchOption.AllDirectories);
        var callPart = heldRow.CallId.Split('@')[0];
        var recording = Assert.Single(recordings, f => Path.GetFileName(f).Contains(callPart, StringComparison.Ordinal));
        var (left, right) = StereoWav.Read(recording);
        Assert.True(
            ToneAnalysis.WindowsAt(ToneAnalysis.WindowFrequencies(left), ContactToneHz) >= OneSecondOfWindows
                && ToneAnalysis.WindowsAt(ToneAnalysis.WindowFrequencies(right), AgentToneHz) >= OneSecondOfWindows,
            "The held call's recording does not hold the contact's 440 Hz and the agent's 1000 Hz.");
    }

    private static string[] Arguments(string contactsFile, int firstSip, int heldSip)
    {
        const string Key = "--Dialer:Campaigns:0:";
        return
        [
            "--Dialer:AbandonHold=4",
            Key + "Name=hold",
            Key + "CallerId=+15559990000",
            Key + "Mode=power",
            Key + "PowerCallsPerAgent=2",
            Key + "Agents=1001",
            Key + "Contacts=" + contactsFile,
            Key + "AutoStart=true",
            Key + "CallingHours=00:00-23:59",
            Key + "RingLimit=00:00:10",
            Key + "WrapUpTime=00:00:01",
            Key + "Trunk:Destination=127.0.0.1:" + Port(firstSip),
            Key + "Trunk:Routes:" + Held + "=127.0.0.1:" + Port(heldSip),
            Key + "Retry:Abandoned:Attempts=0",
        ];
    }

    private static string WriteContacts()
    {
        var folder = Directory.CreateTempSubdirectory("sparklecc-hold-").FullName;
        var path = Path.Combine(folder, "contacts.csv");
        File.WriteAllLines(path, ["id,phone,timezone", $"h1,{First},UTC", $"h2,{Held},UTC"]);
        return path;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

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
        public string CallId { get; set; } = "";

        public string PhoneNumber { get; set; } = "";

        public string Result { get; set; } = "";

        public string? Agent { get; set; }

        public override string ToString() => $"{PhoneNumber} {Result} agent {Agent} call {CallId}";
    }
}
