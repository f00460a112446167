using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A caller who leaves a callback and is called back: the SIPp caller waits in the demo's queue
/// "sales" with no agent logged in, presses the queue's callback key 9 and confirms its own
/// number with #, and is hung up on; the box calls 5551234 back through the callback trunk, a
/// SIPp UAS there answers and presses 1, and once queued the call goes to agent 1001, who
/// registers only then and answers.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CallbackTests
{
    private const double CallerToneHz = 440;
    private const int OneSecondOfWindows = 4;
    private const string CallbackKeyNine =
        "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never', CallbackKey = '9' WHERE Name = 'sales'";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoLeavesACallbackIsCalledBackConfirmsAndReachesAnAgent()
    {
        // The callback trunk's first route is a port where nothing answers: the second is used.
        var deadPort = FreePorts.Sip();
        var trunkPort = FreePorts.Sip();
        await using var seeded = await ApplianceProcess.StartAsync(
            $"--Callbacks:Trunk=127.0.0.1:{deadPort},127.0.0.1:{trunkPort}",
            "--Telephony:External:RouteTimeout=00:00:01");
        await using var service = await ConfigureAsync(seeded, CallbackKeyNine);
        var callId = $"e2e-callback-{Guid.NewGuid():N}";

        var run = await BookAndAnswerCallbackAsync(service, trunkPort, callId, confirmAfterMs: 7000);
        var booked = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var callback = await WaitForCallbackAsync(service.DatabasePath, callId, "connected", TimeSpan.FromSeconds(5));
        var answered = await WaitForCalledBackCdrAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(10));

        var why = "\nService:\n" + service.Output;
        Assert.True(run.Caller.ExitCode == 0, run.Caller.Describe() + why);
        Assert.True(run.Confirmed, "The called-back caller's 1 was not taken." + why);
        Assert.True(run.CalledBack.ExitCode == 0, run.CalledBack.Describe() + why);
        Assert.True(run.Agent.ExitCode == 0, run.Agent.Describe() + why);
        var invite = run.CalledBack.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith($"INVITE sip:5551234@127.0.0.1:{trunkPort}", invite, StringComparison.Ordinal);
        Assert.Contains("CSeq: 2 INVITE", invite, StringComparison.Ordinal);
        Assert.Contains(
            $"route 127.0.0.1:{deadPort} sent nothing back within 1 s; trying route 127.0.0.1:{trunkPort}",
            service.Output,
            StringComparison.Ordinal);
        Assert.NotNull(booked);
        Assert.Equal("callback", booked.Disposition);
        Assert.Equal("sales", booked.Queue);
        Assert.NotNull(callback);
        Assert.Equal(("5551234", "sales", 1, true), (callback.Number, callback.Queue, callback.Attempts, callback.Done));
        Assert.NotNull(answered);
        Assert.Equal(("answered", "1001", "sales"), (answered.Disposition, answered.Agent, answered.Queue));

        foreach (var (name, port) in run.PromptListeners)
        {
            var prompt = PromptAudio.Read(name);
            var heard = RtpAudio.ReceivedAt(run.Datagrams, port);
            Assert.True(
                PromptAudio.CountWholePlays(heard, prompt, AudioCodec.Pcmu) == 1,
                $"'{name}' was not heard once, whole: " + PromptAudio.DescribeBestMatch(heard, prompt, AudioCodec.Pcmu));
        }

        var heardByAgent = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(run.Datagrams, run.AgentMediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByAgent, CallerToneHz) >= OneSecondOfWindows,
            $"The agent did not hear the called-back caller's {CallerToneHz} Hz: {ToneAnalysis.Describe(heardByAgent)}");
    }

    /// <summary>
    /// A caller who chose Chinese in the flow (1 here) and leaves a callback is told in Chinese
    /// that it will be called back, and the call back to it asks its question in Chinese: the
    /// language is stored with the callback (column Callback.Language).
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoChoseChineseIsCalledBackInChinese()
    {
        using var flows = FlowFolder.ChineseThenQueue("sales");
        var trunkPort = FreePorts.Sip();
        await using var seeded = await ApplianceProcess.StartAsync(
            "--Callbacks:Trunk=127.0.0.1:" + trunkPort.ToString(CultureInfo.InvariantCulture),
            "--Ivr:FlowDirectory=" + flows.Path);
        await using var service = await ConfigureAsync(seeded, CallbackKeyNine);
        var callId = $"e2e-callback-zh-{Guid.NewGuid():N}";

        // The Chinese question lasts 9 s; the 1 comes after it, so it is heard whole.
        var run = await BookAndAnswerCallbackAsync(service, trunkPort, callId, confirmAfterMs: 11000);
        var callback = await WaitForCallbackAsync(service.DatabasePath, callId, "connected", TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(run.Caller.ExitCode == 0, run.Caller.Describe() + why);
        Assert.True(run.Confirmed, "The called-back caller's 1 was not taken." + why);
        Assert.True(run.CalledBack.ExitCode == 0, run.CalledBack.Describe() + why);
        Assert.True(run.Agent.ExitCode == 0, run.Agent.Describe() + why);
        Assert.NotNull(callback);
        Assert.Equal(("zh", true), (callback.Language, callback.Done));
        foreach (var (name, port) in run.PromptListeners)
        {
            var heard = RtpAudio.ReceivedAt(run.Datagrams, port);
            var chinese = PromptAudio.Read(name, "zh");
            var english = PromptAudio.Read(name);
            Assert.True(
                PromptAudio.CountWholePlays(heard, chinese, AudioCodec.Pcmu) == 1,
                $"Chinese '{name}' was not heard once, whole: "
                + PromptAudio.DescribeBestMatch(heard, chinese, AudioCodec.Pcmu));
            Assert.Equal(0, PromptAudio.CountWholePlays(heard, english, AudioCodec.Pcmu));
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallbackStoredBeforeARestartIsDialledWhenTheServiceStartsAgain()
    {
        var trunkPort = FreePorts.Sip();
        await using var seeded = await ApplianceProcess.StartAsync(
            "--Callbacks:Trunk=127.0.0.1:" + trunkPort.ToString(CultureInfo.InvariantCulture));
        var sipp = new SippRunner(seeded.Root);
        await using var calledBack = sipp.Start(
            "callback-answers.xml",
            trunkPort,
            TimeSpan.FromSeconds(60),
            "-m", "1",
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-set", "confirm", "7000");

        await using var service = await ConfigureAsync(
            seeded,
            "INSERT INTO Callback (Id, Queue, Number, Did, Priority, Level, RequestedUtc, Attempts, Result, Done) "
            + "VALUES ('before-restart', 'sales', '5557777', '100', 0, 1, '2025-01-06T09:00:00Z', 1, 'no-answer', 0)");
        var confirmed = await service.WaitForOutputAsync("the caller confirmed callback", TimeSpan.FromSeconds(40));
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers-hangs-up.xml", TimeSpan.FromSeconds(40), "-set", "talk", "2000");
        var agentCall = await agent.Peer.WaitAsync();
        var calledBackCall = await calledBack.WaitAsync();
        var callback = await WaitForCallbackAsync(
            service.DatabasePath, "before-restart", "connected", TimeSpan.FromSeconds(5));

        var why = "\nService:\n" + service.Output;
        Assert.True(confirmed, "The restored callback was not dialled and confirmed." + why);
        Assert.True(calledBackCall.ExitCode == 0, calledBackCall.Describe() + why);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + why);
        Assert.Contains("Callback before-restart restored in sales at position 1", service.Output, StringComparison.Ordinal);
        var invite = calledBackCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.StartsWith("INVITE sip:5557777@127.0.0.1", invite, StringComparison.Ordinal);
        Assert.NotNull(callback);
        Assert.Equal(("connected", 2, true), (callback.Result, callback.Attempts, callback.Done));
    }

    /// <summary>
    /// The caller (5551234) dials DID 100, presses 1, waits in sales, presses the callback key 9
    /// and # for its own number; the SIPp UAS on the callback trunk answers and presses 1 after
    /// <paramref name="confirmAfterMs"/>; then agent 1001 registers, answers and hangs up.
    /// </summary>
    private static async Task<CallbackRun> BookAndAnswerCallbackAsync(
        ApplianceProcess service,
        int trunkPort,
        string callId,
        int confirmAfterMs)
    {
        var sipp = new SippRunner(service.Root);
        var callerMediaPort = FreePorts.Media();
        var calledBackMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var calledBack = sipp.Start(
            "callback-answers.xml",
            trunkPort,
            TimeSpan.FromSeconds(90),
            "-m", "1",
            "-mp", calledBackMediaPort.ToString(CultureInfo.InvariantCulture),
            "-set", "confirm", confirmAfterMs.ToString(CultureInfo.InvariantCulture));

        var caller = await sipp.Start(
            "caller-books-callback.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(60),
            service.SipTarget,
            "-s", "100",
            "-set", "wait", "3000",
            "-set", "offer", "5000",
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var confirmed = await service.WaitForOutputAsync("the caller confirmed callback", TimeSpan.FromSeconds(50));
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers-hangs-up.xml", TimeSpan.FromSeconds(40), "-set", "talk", "4000");
        var agentCall = await agent.Peer.WaitAsync();
        var calledBackCall = await calledBack.WaitAsync();
        var datagrams = await capture.StopAsync();
        return new CallbackRun(
            caller,
            confirmed,
            calledBackCall,
            agentCall,
            datagrams,
            callerMediaPort,
            calledBackMediaPort,
            agent.MediaPort);
    }

    /// <summary>Stops the freshly seeded service, changes its database, and starts it again.</summary>
    private static async Task<ApplianceProcess> ConfigureAsync(ApplianceProcess seeded, params string[] statements)
    {
        await seeded.StopGracefullyAsync(TimeSpan.FromSeconds(20));
        using (var db = new SQLiteConnection(seeded.DatabasePath))
        {
            foreach (var statement in statements)
            {
                db.Execute(statement);
            }
        }

        return await seeded.StartAgainAsync();
    }

    private static async Task<CallbackSnapshot?> WaitForCallbackAsync(
        string databasePath,
        string id,
        string result,
        TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        CallbackSnapshot? row;
        do
        {
            using (var db = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly))
            {
                row = db.Query<CallbackSnapshot>("SELECT * FROM Callback WHERE Id = ?", id).FirstOrDefault();
            }

            if (row?.Result == result)
            {
                return row;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        return row;
    }

    /// <summary>The record of the call that dialled the callback: same caller, another Call-ID.</summary>
    private static async Task<CdrSnapshot?> WaitForCalledBackCdrAsync(string databasePath, string callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            using (var db = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly))
            {
                var row = db.Query<CdrSnapshot>(
                    "SELECT * FROM Cdr WHERE CallerNumber = '5551234' AND CallId <> ?", callId).FirstOrDefault();
                if (row is not null)
                {
                    return row;
                }
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        return null;
    }

    /// <summary>What the peers of <see cref="BookAndAnswerCallbackAsync"/> did and heard.</summary>
    private sealed record CallbackRun(
        SippResult Caller,
        bool Confirmed,
        SippResult CalledBack,
        SippResult Agent,
        IReadOnlyList<CapturedDatagram> Datagrams,
        int CallerMediaPort,
        int CalledBackMediaPort,
        int AgentMediaPort)
    {
        /// <summary>Who hears which callback prompt: the caller the booking, the called back the question.</summary>
        public (string Prompt, int MediaPort)[] PromptListeners =>
            [("callback-booked", CallerMediaPort), ("callback-confirm", CalledBackMediaPort)];
    }

    /// <summary>One row of table Callback, mapped by column name.</summary>
    private sealed class CallbackSnapshot
    {
        public string Id { get; set; } = "";

        public string Queue { get; set; } = "";

        public string Number { get; set; } = "";

        public int Attempts { get; set; }

        public string Result { get; set; } = "";

        public bool Done { get; set; }

        public string? Language { get; set; }
    }
}
