using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;
using static Appliance.Web.Tests.EndToEnd.Desk.HeardTones;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// Blind and attended transfer from the agent desktop in Chromium. A SIPp caller (440 Hz) on DID
/// 100 key 1 reaches agent 1001's SIPp phone (1000 Hz); extension 1002's SIPp phone plays
/// 1800 Hz, and 1003's only rings. What each phone received is read from a packet capture; the
/// agent's phone scenario fails on any request but the final BYE (no NOTIFY, no re-INVITE).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TransferTests
{
    private static readonly TimeSpan s_listen = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(700);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task BlindTransferFromTheDesktopGivesTheCallerToTheOtherExtensionAndRecordsIt()
    {
        await using var floor = await DeskFloor.StartAsync();
        await using var target = await floor.Phones.StartAsync("1002", "extension-answers-1800.xml", TimeSpan.FromSeconds(90));
        await using var capture = await floor.CaptureAsync(target.MediaPort);
        await Task.Delay(s_listen);
        var before = DateTimeOffset.UtcNow;

        await floor.Desk.FillAsync("#transferTarget", "nosuch");
        await floor.Desk.ClickAsync("#transfer");
        await Assertions.Expect(floor.Desk.Locator("#problem")).ToContainTextAsync("target");
        var unknown = await PageRequests.PostAsync(floor.Desk, $"/api/calls/{floor.CallId}/transfer", new { target = "nosuch" });
        await floor.Desk.FillAsync("#transferTarget", "1002");
        await floor.Desk.ClickAsync("#transfer");
        await Assertions.Expect(floor.Desk.Locator("#wrapUp")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var transferred = DateTimeOffset.UtcNow;
        await Browser.ScreenshotAsync(floor.Desk, "agent-after-blind-transfer");
        await Task.Delay(s_listen);
        var end = DateTimeOffset.UtcNow;
        var hangUp = await PageRequests.PostAsync(floor.Admin, $"/api/calls/{floor.CallId}/hangup");
        var results = await floor.WaitAsync(target.Peer);
        var datagrams = await capture.StopAsync();
        var record = floor.Record();
        var audit = await (await floor.Admin.APIRequest.GetAsync("/api/admin/audit")).TextAsync();

        Assert.Equal(400, unknown);
        Assert.Equal(204, hangUp);
        floor.AssertPeersPassed(results);
        Assert.Equal(("1002", "blind"), record);
        Assert.Contains("call.transferred", audit, StringComparison.Ordinal);
        AssertHeard(Heard(datagrams, floor.CallerMediaPort, before - s_listen + s_settle, before), AgentHz, "the caller before");
        var callerAfter = Heard(datagrams, floor.CallerMediaPort, transferred + s_settle, end);
        AssertHeard(callerAfter, TargetHz, "the caller after the transfer");
        AssertNotHeard(callerAfter, AgentHz, "the caller after the transfer");
        AssertHeard(Heard(datagrams, target.MediaPort, transferred + s_settle, end), CallerHz, "extension 1002");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AttendedTransferHoldsTheCallerWhileTheAgentConsultsThenJoinsCallerAndTarget()
    {
        await using var floor = await DeskFloor.StartAsync();
        await using var ringing = await floor.Phones.StartAsync("1003", "agent-rings.xml", TimeSpan.FromSeconds(90));
        await using var target = await floor.Phones.StartAsync("1002", "extension-answers-1800.xml", TimeSpan.FromSeconds(90));
        await using var capture = await floor.CaptureAsync(target.MediaPort);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // A consultation nobody answers, given up: the caller is the agent's again.
        await floor.Desk.FillAsync("#transferTarget", "1003");
        await floor.Desk.ClickAsync("#consult");
        await Assertions.Expect(floor.Desk.Locator("#callTitle")).ToHaveTextAsync("Consulting 1003");
        var firstHold = DateTimeOffset.UtcNow;
        await Task.Delay(s_listen);
        var cancelled = DateTimeOffset.UtcNow;
        await floor.Desk.ClickAsync("#cancelConsult");
        await Assertions.Expect(floor.Desk.Locator("#callTitle")).ToHaveTextAsync("On call");
        await Task.Delay(s_listen);

        // The consultation with 1002, then the transfer.
        var consulting = DateTimeOffset.UtcNow;
        await floor.Desk.FillAsync("#transferTarget", "1002");
        await floor.Desk.ClickAsync("#consult");
        await Assertions.Expect(floor.Desk.Locator("#callTitle")).ToHaveTextAsync("Consulting 1002");
        await Browser.ScreenshotAsync(floor.Desk, "agent-consulting");
        await Task.Delay(s_listen + TimeSpan.FromSeconds(1));
        var completing = DateTimeOffset.UtcNow;
        var early = await PageRequests.PostAsync(floor.Desk, $"/api/calls/{floor.CallId}/consult", new { target = "1003" });
        await floor.Desk.ClickAsync("#completeTransfer");
        await Assertions.Expect(floor.Desk.Locator("#wrapUp")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var completed = DateTimeOffset.UtcNow;
        await Task.Delay(s_listen);
        var end = DateTimeOffset.UtcNow;
        var hangUp = await PageRequests.PostAsync(floor.Admin, $"/api/calls/{floor.CallId}/hangup");
        var results = await floor.WaitAsync(target.Peer, ringing.Peer);
        var datagrams = await capture.StopAsync();
        var record = floor.Record();
        var audit = await (await floor.Admin.APIRequest.GetAsync("/api/admin/audit")).TextAsync();

        Assert.Equal(409, early);
        Assert.Equal(204, hangUp);
        floor.AssertPeersPassed(results);
        Assert.Equal(("1002", "attended"), record);
        Assert.Contains("call.consult-cancelled", audit, StringComparison.Ordinal);
        Assert.Contains("call.transfer-completed", audit, StringComparison.Ordinal);
        var callerOnHold = Heard(datagrams, floor.CallerMediaPort, firstHold + s_settle, cancelled);
        AssertNotHeard(callerOnHold, AgentHz, "the caller on hold");
        Assert.True(Rms(callerOnHold) > 0.01, $"the caller on hold heard silence (RMS {Rms(callerOnHold):0.0000})");
        AssertHeard(Heard(datagrams, floor.CallerMediaPort, cancelled + s_settle, consulting), AgentHz, "the caller back");
        var callerConsulted = Heard(datagrams, floor.CallerMediaPort, consulting + TimeSpan.FromSeconds(2), completing);
        AssertNotHeard(callerConsulted, AgentHz, "the caller during the consultation");
        AssertNotHeard(callerConsulted, TargetHz, "the caller during the consultation");
        AssertHeard(Heard(datagrams, floor.AgentMediaPort, consulting + TimeSpan.FromSeconds(2), completing), TargetHz, "the agent consulting");
        AssertHeard(Heard(datagrams, target.MediaPort, consulting + TimeSpan.FromSeconds(2), completing), AgentHz, "1002 consulted");
        var callerAfter = Heard(datagrams, floor.CallerMediaPort, completed + s_settle, end);
        AssertHeard(callerAfter, TargetHz, "the caller after the transfer");
        AssertNotHeard(callerAfter, AgentHz, "the caller after the transfer");
        AssertHeard(Heard(datagrams, target.MediaPort, completed + s_settle, end), CallerHz, "1002 after the transfer");
    }

    /// <summary>
    /// The demo box with agent 1001's desktop and SIPp phone, and a SIPp caller talking to it.
    /// </summary>
    private sealed class DeskFloor : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];

        private DeskFloor(WebBox box, SippRunner sipp)
        {
            Box = box;
            Sipp = sipp;
            Phones = new AgentPhones(sipp, box.Service);
        }

        public WebBox Box { get; }

        public SippRunner Sipp { get; }

        public AgentPhones Phones { get; }

        public IPage Admin { get; private set; } = null!;

        public IPage Desk { get; private set; } = null!;

        public AgentPhone Agent { get; private set; } = null!;

        public SippPeer Caller { get; private set; } = null!;

        public string CallId { get; } = $"web-transfer-{Guid.NewGuid():N}";

        public int CallerMediaPort { get; } = FreePorts.Media();

        public int AgentMediaPort => Agent.MediaPort;

        public static async Task<DeskFloor> StartAsync()
        {
            var box = await WebBox.StartAsync("demo");
            var floor = new DeskFloor(box, new SippRunner(box.Service.Root));
            floor._owned.Add(box);
            var browser = await Browser.LaunchAsync();
            floor._owned.Add(browser);
            floor.Admin = await browser.NewPageAsync(box.Https);
            await Browser.LoginAsync(floor.Admin, "admin", "demo");
            floor.Desk = await browser.NewPageAsync(box.Https);
            await Browser.LoginAsync(floor.Desk, "1001", "demo");
            await floor.Desk.GotoAsync("/agent");
            floor.Agent = await floor.Phones.StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(90));
            floor._owned.Add(floor.Agent);
            await Assertions.Expect(floor.Desk.Locator("#state")).ToHaveTextAsync("ready");

            floor.Caller = floor.Sipp.Start(
                "caller-until-bye.xml",
                FreePorts.Sip(),
                TimeSpan.FromSeconds(90),
                box.Service.SipTarget,
                "-s", "100",
                "-cid_str", floor.CallId,
                "-mp", floor.CallerMediaPort.ToString(CultureInfo.InvariantCulture),
                "-m", "1");
            floor._owned.Add(floor.Caller);
            await Assertions.Expect(floor.Desk.Locator("#callTitle")).ToHaveTextAsync("On call", new() { Timeout = 30_000 });
            return floor;
        }

        /// <summary>Captures what the caller, the agent's phone and <paramref name="targetMediaPort"/> receive.</summary>
        public Task<PacketCapture> CaptureAsync(int targetMediaPort) => PacketCapture.StartAsync(
            $"udp dst port {CallerMediaPort} or udp dst port {Agent.MediaPort} or udp dst port {targetMediaPort}",
            Box.Service.Root);

        public async Task<SippResult[]> WaitAsync(params SippPeer[] others)
        {
            var results = new List<SippResult> { await Caller.WaitAsync(), await Agent.Peer.WaitAsync() };
            foreach (var other in others)
            {
                results.Add(await other.WaitAsync());
            }

            return [.. results];
        }

        public void AssertPeersPassed(SippResult[] results)
        {
            foreach (var result in results)
            {
                Assert.True(result.ExitCode == 0, result.Describe() + "\nService:\n" + Box.Service.Output);
            }
        }

        /// <summary>The call's record: to whom it was transferred and how.</summary>
        public (string? To, string? Kind) Record()
        {
            using var connection = new SQLiteConnection(Box.Service.DatabasePath, SQLiteOpenFlags.ReadOnly);
            var to = connection.ExecuteScalar<string?>("SELECT TransferredTo FROM Cdr WHERE CallId = ?", CallId);
            var kind = connection.ExecuteScalar<string?>("SELECT TransferKind FROM Cdr WHERE CallId = ?", CallId);
            return (to, kind);
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync();
            }
        }
    }
}
