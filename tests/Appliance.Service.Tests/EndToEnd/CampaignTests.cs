using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// An outbound campaign through the real service: SIPp peers behind the campaign's SIP trunk
/// play the people called (one answers and talks with a 440 Hz tone, one is busy, one never
/// answers, one answers late, one whose network plays the special information tone in early
/// media, one whose voicemail answers), a SIPp agent registered with digest takes the call it is given,
/// and the results table, the retry and the audio on both sides of the bridge are checked.
/// </summary>
/// <remarks>
/// Power mode with six calls per ready agent dials all six contacts at once for the one agent:
/// the first to answer gets the agent, the one that answers 3 s later finds nobody free and
/// hears the abandon message. Answering-machine screening is on: the people say "Hello?" first,
/// the voicemail speaks a long greeting. Retry gaps are seconds instead of the default minutes.
/// </remarks>
[Collection(EndToEndCollection.Name)]
public sealed class CampaignTests
{
    private const string CallerId = "+15559990000";
    private const string Answers = "+15550000001";
    private const string Busy = "+15550000002";
    private const string NeverAnswers = "+15550000003";
    private const string AnswersLate = "+15550000004";
    private const string SpecialInformation = "+15550000005";
    private const string Voicemail = "+15550000006";
    private const double ContactToneHz = 440;
    private const double AgentToneHz = 1000;
    private const int OneSecondOfWindows = 4;
    private static readonly TimeSpan s_busyGap = TimeSpan.FromSeconds(3);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CampaignConnectsRetriesDetectsAndAbandonsAsTheCalledPartiesAnswer()
    {
        var contactsFile = WriteContacts();
        var answers = new Party(FreePorts.Sip(), FreePorts.Media());
        var busy = new Party(FreePorts.Sip(), FreePorts.Media());
        var neverAnswers = new Party(FreePorts.Sip(), FreePorts.Media());
        var answersLate = new Party(FreePorts.Sip(), FreePorts.Media());
        var intercepted = new Party(FreePorts.Sip(), FreePorts.Media());
        var voicemail = new Party(FreePorts.Sip(), FreePorts.Media());
        var unavailablePort = FreePorts.Sip();
        await using var service = await ApplianceProcess.StartAsync(
            [
                .. CampaignArguments(contactsFile, answers, busy, neverAnswers, answersLate, intercepted, voicemail),

                // The default route's first carrier answers 503: the contact is reached by the second.
                "--Dialer:Campaigns:0:Trunk:Destination=127.0.0.1:" + Port(unavailablePort) + "," + Target(answers),
            ]);
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        await using var answering = sipp.Start(
            "called-answers-hangs-up.xml", answers.SipPort, timeout, "-m", "1", "-mp", Port(answers.MediaPort),
            "-set", "talk", "8000");
        await using var busyLine = sipp.Start("called-busy.xml", busy.SipPort, timeout, "-m", "2");
        await using var unavailable = sipp.Start("carrier-unavailable.xml", unavailablePort, timeout, "-m", "1");
        await using var ringing = sipp.Start(
            "agent-rings.xml", neverAnswers.SipPort, timeout, "-m", "1", "-mp", Port(neverAnswers.MediaPort));
        await using var late = sipp.Start(
            "called-answers-late.xml", answersLate.SipPort, timeout, "-m", "1", "-mp", Port(answersLate.MediaPort));
        await using var sit = sipp.Start(
            "called-sit.xml", intercepted.SipPort, timeout, "-m", "1", "-mp", Port(intercepted.MediaPort));
        await using var machine = sipp.Start(
            "called-voicemail.xml", voicemail.SipPort, timeout, "-m", "1", "-mp", Port(voicemail.MediaPort));
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", timeout);

        var answered = await answering.WaitAsync();
        var agentCall = await agent.Peer.WaitAsync();
        var busyCalls = await busyLine.WaitAsync();
        var rang = await ringing.WaitAsync();
        var abandoned = await late.WaitAsync();
        var sitCall = await sit.WaitAsync();
        var machineCall = await machine.WaitAsync();
        var unavailableCall = await unavailable.WaitAsync();
        var rows = await WaitForAttemptsAsync(service.DatabasePath, 7, TimeSpan.FromSeconds(20));
        var datagrams = await capture.StopAsync();

        var why = "\nService:\n" + service.Output;
        Assert.True(answered.ExitCode == 0, answered.Describe() + why);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + why);
        Assert.True(busyCalls.ExitCode == 0, "The busy contact was not called twice.\n" + busyCalls.Describe() + why);
        Assert.True(rang.ExitCode == 0, "The unanswered call was not cancelled.\n" + rang.Describe() + why);
        Assert.True(abandoned.ExitCode == 0, "The abandoned contact got no BYE.\n" + abandoned.Describe() + why);
        Assert.True(sitCall.ExitCode == 0, "The call with SIT early media was not cancelled.\n" + sitCall.Describe() + why);
        Assert.True(machineCall.ExitCode == 0, "The voicemail got no BYE.\n" + machineCall.Describe() + why);
        Assert.True(unavailableCall.ExitCode == 0, unavailableCall.Describe() + why);

        var invite = answered.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.Contains("15559990000", SippResult.Header(invite, "From"), StringComparison.Ordinal);
        Assert.StartsWith("INVITE sip:+15550000001@127.0.0.1", invite, StringComparison.Ordinal);
        Assert.Contains("CSeq: 2 INVITE", invite, StringComparison.Ordinal);

        var summary = string.Join("\n", rows.Select(r => r.ToString()));
        Assert.True(rows.Count == 7, "Expected seven attempts:\n" + summary + why);
        var connected = Assert.Single(rows, r => r.PhoneNumber == Answers);
        Assert.Equal("connected", connected.Result);
        Assert.Equal("1001", connected.Agent);
        Assert.Equal(200, connected.SipStatus);
        Assert.NotNull(connected.AnsweredUtc);
        var busyAttempts = rows.Where(r => r.PhoneNumber == Busy).OrderBy(r => r.Attempt).ToList();
        Assert.Equal(["busy", "busy"], busyAttempts.Select(r => r.Result));
        Assert.Equal([1, 2], busyAttempts.Select(r => r.Attempt));
        Assert.All(busyAttempts, r => Assert.Equal(486, r.SipStatus));
        var gap = Utc(busyAttempts[1].DialedUtc) - Utc(busyAttempts[0].EndedUtc);
        Assert.True(gap >= s_busyGap - TimeSpan.FromMilliseconds(50), $"The busy retry came after {gap}.\n{summary}");
        Assert.Equal("no-answer", Assert.Single(rows, r => r.PhoneNumber == NeverAnswers).Result);
        var abandon = Assert.Single(rows, r => r.PhoneNumber == AnswersLate);
        Assert.Equal("abandoned", abandon.Result);
        Assert.Null(abandon.Agent);
        var failed = Assert.Single(rows, r => r.PhoneNumber == SpecialInformation);
        Assert.Equal("failed", failed.Result);
        Assert.Equal(487, failed.SipStatus);
        Assert.True(
            Utc(failed.EndedUtc) - Utc(failed.DialedUtc) < TimeSpan.FromSeconds(4),
            "The SIT was not heard before the ring limit: " + failed);
        var screened = Assert.Single(rows, r => r.PhoneNumber == Voicemail);
        Assert.Equal("machine", screened.Result);
        Assert.Equal(200, screened.SipStatus);
        Assert.Null(screened.Agent);
        var disposition = await WaitForDispositionAsync(service.DatabasePath, connected.CallId, TimeSpan.FromSeconds(10));
        Assert.Equal("no-sale", disposition);

        var heardByContact = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, answers.MediaPort));
        var heardByAgent = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, agent.MediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByContact, AgentToneHz) >= OneSecondOfWindows,
            $"The contact did not hear the agent's {AgentToneHz} Hz: {ToneAnalysis.Describe(heardByContact)}");
        Assert.True(
            ToneAnalysis.WindowsAt(heardByAgent, ContactToneHz) >= OneSecondOfWindows,
            $"The agent did not hear the contact's {ContactToneHz} Hz: {ToneAnalysis.Describe(heardByAgent)}");

        var message = PromptAudio.Read("abandon");
        var heardByAbandoned = RtpAudio.ReceivedAt(datagrams, answersLate.MediaPort);
        Assert.True(
            PromptAudio.CountWholePlays(heardByAbandoned, message, AudioCodec.Pcmu) == 1,
            "The contact answered with no agent free did not hear the abandon message once: "
            + PromptAudio.DescribeBestMatch(heardByAbandoned, message, AudioCodec.Pcmu));

        var recordings = Directory.GetFiles(Path.Combine(service.DataDirectory, "recordings"), "*.wav", SearchOption.AllDirectories);
        var (left, right) = StereoWav.Read(Assert.Single(recordings));
        Assert.True(
            ToneAnalysis.WindowsAt(ToneAnalysis.WindowFrequencies(left), ContactToneHz) >= OneSecondOfWindows
                && ToneAnalysis.WindowsAt(ToneAnalysis.WindowFrequencies(right), AgentToneHz) >= OneSecondOfWindows,
            "The recording does not hold the contact on the left and the agent on the right.");
    }

    private static string[] CampaignArguments(
        string contactsFile,
        Party answers,
        Party busy,
        Party never,
        Party late,
        Party intercepted,
        Party voicemail)
    {
        const string Key = "--Dialer:Campaigns:0:";
        return
        [
            Key + "Name=e2e",
            Key + "CallerId=" + CallerId,
            Key + "Mode=power",
            Key + "PowerCallsPerAgent=6",
            Key + "MachineDetection=true",
            Key + "Agents=1001",
            Key + "Contacts=" + contactsFile,
            Key + "AutoStart=true",
            Key + "CallingHours=00:00-23:59",
            Key + "RingLimit=00:00:04",
            Key + "WrapUpTime=00:00:01",
            Key + "Trunk:Destination=" + Target(answers),
            Key + "Trunk:Routes:" + Busy + "=" + Target(busy),
            Key + "Trunk:Routes:" + NeverAnswers + "=" + Target(never),
            Key + "Trunk:Routes:" + AnswersLate + "=" + Target(late),
            Key + "Trunk:Routes:" + SpecialInformation + "=" + Target(intercepted),
            Key + "Trunk:Routes:" + Voicemail + "=" + Target(voicemail),
            Key + $"Retry:Busy:Gap={s_busyGap:c}",
            Key + "Retry:Busy:Attempts=2",
            Key + "Retry:NoAnswer:Attempts=0",
            Key + "Retry:Failed:Attempts=0",
            Key + "Retry:Machine:Attempts=0",
            Key + "Retry:Abandoned:Attempts=0",
        ];
    }

    private static string WriteContacts()
    {
        var folder = Directory.CreateTempSubdirectory("sparklecc-campaign-").FullName;
        var path = Path.Combine(folder, "contacts.csv");
        File.WriteAllLines(
            path,
            [
                "id,phone,timezone,name",
                $"c1,{Answers},UTC,Answers",
                $"c2,{Busy},UTC,Busy",
                $"c3,{NeverAnswers},UTC,Never answers",
                $"c4,{AnswersLate},UTC,Answers late",
                $"c5,{SpecialInformation},UTC,Intercepted",
                $"c6,{Voicemail},UTC,Voicemail",
            ]);
        return path;
    }

    private static string Target(Party party) => $"127.0.0.1:{Port(party.SipPort)}";

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

    private static async Task<string?> WaitForDispositionAsync(string databasePath, string callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var disposition = ReadAttempts(databasePath).Find(r => r.CallId == callId)?.Disposition;
            if (disposition is not null)
            {
                return disposition;
            }

            await Task.Delay(200);
        }

        return null;
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

    private sealed record Party(int SipPort, int MediaPort);

    /// <summary>One row of the CampaignAttempt table as stored, mapped by column name.</summary>
    private sealed class AttemptRow
    {
        public string CallId { get; set; } = "";

        public string ContactId { get; set; } = "";

        public string PhoneNumber { get; set; } = "";

        public int Attempt { get; set; }

        public string Result { get; set; } = "";

        public int SipStatus { get; set; }

        public string? Agent { get; set; }

        public string? Disposition { get; set; }

        public string DialedUtc { get; set; } = "";

        public string? AnsweredUtc { get; set; }

        public string EndedUtc { get; set; } = "";

        public override string ToString() =>
            $"{ContactId} {PhoneNumber} #{Attempt} {Result} SIP {SipStatus} agent {Agent} "
            + $"disposition {Disposition} dialed {DialedUtc} answered {AnsweredUtc} ended {EndedUtc}";
    }
}
