using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
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
    public async Task BlindTransferGivesTheCallerToAnExtensionAndFromThereToAQueueAndRecordsIt()
    {
        await using var floor = await DeskFloor.StartAsync("agent-answers.xml");
        // 1003 registers first: idle longest, the queue offers it the call before 1002.
        await using var next = await floor.Phones.StartAsync("1003", "agent-answers.xml", TimeSpan.FromSeconds(90));
        await using var target = await floor.Phones.StartAsync("1002", "extension-answers-1800.xml", TimeSpan.FromSeconds(90));
        await using var capture = await floor.CaptureAsync(target.MediaPort, next.MediaPort);
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
        var toExtensionEnd = DateTimeOffset.UtcNow;

        // An admin (or a supervisor, or a token) passes the call on from 1002 to a queue.
        var toQueue = await PageRequests.PostAsync(floor.Admin, $"/api/calls/{floor.CallId}/transfer", new { target = "support" });
        var targetResult = await target.Peer.WaitAsync();
        var queued = DateTimeOffset.UtcNow;
        await Task.Delay(s_listen + TimeSpan.FromSeconds(2));
        var end = DateTimeOffset.UtcNow;
        var hangUp = await PageRequests.PostAsync(floor.Admin, $"/api/calls/{floor.CallId}/hangup");
        var results = await floor.WaitAsync(next.Peer);
        var datagrams = await capture.StopAsync();
        var record = floor.Record();
        var audit = await (await floor.Admin.APIRequest.GetAsync("/api/admin/audit")).TextAsync();

        Assert.Equal(400, unknown);
        Assert.Equal(204, toQueue);
        Assert.Equal(204, hangUp);
        floor.AssertPeersPassed([targetResult, .. results]);
        Assert.Equal(("support", "blind"), record);
        Assert.Contains($"call {floor.CallId} to 1002", audit, StringComparison.Ordinal);
        Assert.Contains($"call {floor.CallId} to support", audit, StringComparison.Ordinal);
        AssertHeard(Heard(datagrams, floor.CallerMediaPort, before - s_listen + s_settle, before), AgentHz, "the caller before");
        var callerAfter = Heard(datagrams, floor.CallerMediaPort, transferred + s_settle, toExtensionEnd);
        AssertHeard(callerAfter, TargetHz, "the caller after the transfer");
        AssertNotHeard(callerAfter, AgentHz, "the caller after the transfer");
        AssertHeard(Heard(datagrams, target.MediaPort, transferred + s_settle, toExtensionEnd), CallerHz, "extension 1002");
        var callerInQueue = Heard(datagrams, floor.CallerMediaPort, queued + TimeSpan.FromSeconds(2), end);
        AssertHeard(callerInQueue, AgentHz, "the caller answered by 1003 from the queue");
        AssertHeard(Heard(datagrams, next.MediaPort, queued + TimeSpan.FromSeconds(2), end), CallerHz, "agent 1003");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AttendedTransferHoldsTheCallerWhileTheAgentConsultsThenJoinsCallerAndTarget()
    {
        await using var floor = await DeskFloor.StartAsync("agent-answers.xml");
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
}
