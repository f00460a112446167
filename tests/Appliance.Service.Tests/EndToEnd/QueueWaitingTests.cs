using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// What a caller hears while it waits in a queue: the demo's queue "sales" is set to announce the
/// position on joining and a comfort message every 5 s; agent 1001 rings without answering, so
/// the SIPp caller waits until it hangs up.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class QueueWaitingTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AWaitingCallerHearsItsPositionThenTheComfortMessageBetweenTheHoldMusic()
    {
        await using var configured = await ApplianceProcess.StartAsync();
        await using var service = await ConfigureAsync(
            configured,
            "UPDATE Queue SET AnnounceEverySeconds = 60, ComfortPrompt = 'comfort', "
            + "ComfortEverySeconds = 5 WHERE Name = 'sales'");
        var (caller, callId, heard) = await WaitWhileAgentRingsAsync(service, "e2e-waiting", talkMs: 12000);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            $"Call {callId} told its position 1 in queue sales", service.Output, StringComparison.Ordinal);
        foreach (var name in new[] { "queue-position", "number-1", "comfort" })
        {
            var prompt = PromptAudio.Read(name);
            Assert.True(
                PromptAudio.CountWholePlays(heard, prompt, AudioCodec.Pcmu) == 1,
                $"The caller did not hear '{name}' once, whole: "
                + PromptAudio.DescribeBestMatch(heard, prompt, AudioCodec.Pcmu));
        }
    }

    /// <summary>
    /// A caller who chooses Chinese in the IVR (1 in this flow) and waits in sales hears its position
    /// from the Chinese prompts: "您排在第一位。" is queue-position, number-1 and queue-place of the zh
    /// set, each found whole in the audio that arrived, and no English one is.
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoChoseChineseHearsItsPositionInMandarin()
    {
        using var flows = FlowFolder.ChineseThenQueue("sales");
        await using var seeded = await ApplianceProcess.StartAsync($"--Ivr:FlowDirectory={flows.Path}");
        await using var service = await ConfigureAsync(
            seeded, "UPDATE Queue SET AnnounceEverySeconds = 60 WHERE Name = 'sales'");
        var (caller, callId, heard) = await WaitWhileAgentRingsAsync(service, "e2e-waiting-zh", talkMs: 14000);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            $"Call {callId} told its position 1 in queue sales", service.Output, StringComparison.Ordinal);
        foreach (var name in new[] { "queue-position", "number-1", "queue-place" })
        {
            var chinese = PromptAudio.Read(name, "zh");
            Assert.True(
                PromptAudio.CountWholePlays(heard, chinese, AudioCodec.Pcmu) == 1,
                $"The caller did not hear the Chinese '{name}' once, whole: "
                + PromptAudio.DescribeBestMatch(heard, chinese, AudioCodec.Pcmu));
        }

        foreach (var name in new[] { "queue-position", "number-1" })
        {
            var english = PromptAudio.Read(name);
            Assert.True(
                PromptAudio.CountWholePlays(heard, english, AudioCodec.Pcmu) == 0,
                $"The caller heard the English '{name}'.");
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWaitingPastTheOverflowTimeMovesToTheNextQueueAndHearsItsAnnouncement()
    {
        await using var configured = await ApplianceProcess.StartAsync();
        await using var service = await ConfigureAsync(
            configured,
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never'",
            "UPDATE Queue SET OverflowAfterSeconds = 3, OverflowTo = 'queue:support' WHERE Name = 'sales'",
            "UPDATE Queue SET AnnounceEverySeconds = 60 WHERE Name = 'support'");
        var (caller, callId, heard) = await CallAndListenAsync(service, "e2e-overflow", talkMs: 10000);
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(
            $"Call {callId} moved from queue sales to support", service.Output, StringComparison.Ordinal);
        var position = PromptAudio.Read("queue-position");
        Assert.True(
            PromptAudio.CountWholePlays(heard, position, AudioCodec.Pcmu) == 1,
            "The caller did not hear the support queue's position announcement once: "
            + PromptAudio.DescribeBestMatch(heard, position, AudioCodec.Pcmu));
        Assert.NotNull(cdr);
        Assert.Equal("support", cdr.Queue);
        Assert.Equal("abandoned", cdr.Disposition);
    }

    /// <summary>
    /// Agent 1001 (a SIPp phone) rings without answering while <see cref="CallAndListenAsync"/>'s
    /// caller waits in sales, so it waits until it hangs up.
    /// </summary>
    private static async Task<(SippResult Caller, string CallId, short[] Heard)> WaitWhileAgentRingsAsync(
        ApplianceProcess service, string callIdPrefix, int talkMs)
    {
        var sipp = new SippRunner(service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-rings.xml", TimeSpan.FromSeconds(40));
        var call = await CallAndListenAsync(service, callIdPrefix, talkMs);
        await agent.Peer.WaitAsync();
        return call;
    }

    /// <summary>
    /// A SIPp caller dials DID 100, presses 1 and talks for <paramref name="talkMs"/>, then hangs
    /// up; returns its result, its Call-ID and the audio it received.
    /// </summary>
    private static async Task<(SippResult Caller, string CallId, short[] Heard)> CallAndListenAsync(
        ApplianceProcess service, string callIdPrefix, int talkMs)
    {
        var sipp = new SippRunner(service.Root);
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var callId = $"{callIdPrefix}-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", talkMs.ToString(CultureInfo.InvariantCulture),
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        return (caller, callId, RtpAudio.ReceivedAt(await capture.StopAsync(), callerMediaPort));
    }

    /// <summary>Stops the freshly seeded service, changes its database, and starts it again.</summary>
    internal static async Task<ApplianceProcess> ConfigureAsync(ApplianceProcess seeded, params string[] statements)
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
}
