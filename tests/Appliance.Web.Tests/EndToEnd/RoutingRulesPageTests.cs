using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Appliance.Storage.Rows;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// Skills and queue rules on the routing page in Chromium against the running box, proven by a
/// SIPp call with no restart: the admin gives agent 1002 a skill, makes queue support require it
/// (with linear order, which would ring 1001 first without the rule) and makes sales overflow to
/// support after 3 s, announcing the position every 30 s, playing the comfort prompt every 20 s
/// and offering a callback on key 9. The call to sales then waits, overflows and rings 1002 only;
/// bad values are refused with their field named and leave the row as it was, and each change is
/// in the audit log.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RoutingRulesPageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallOverflowsAfterItsWaitToTheQueueWhoseSkillRuleRingsOnlyTheSkilledAgent()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/routing");
        await Assertions.Expect(admin.Locator("#queues")).ToContainTextAsync("support");

        await SaveAgentAsync(admin, "1001", "support", "");
        await SaveAgentAsync(admin, "1002", "support", "french:12");
        await Assertions.Expect(admin.Locator("#agent .field-error[data-field=skills]"))
            .ToContainTextAsync("level '12' of skill 'french' is not a whole number from 1 to 10");
        await SaveAgentAsync(admin, "1009", "support", "french:5");
        await Assertions.Expect(admin.Locator("#agent .field-error[data-field=agentId]"))
            .ToContainTextAsync("extension '1009' does not exist");
        await SaveAgentAsync(admin, "1002", "support", "french:5");
        await Assertions.Expect(admin.Locator("#agents tr", new() { HasText = "1002" })).ToContainTextAsync("french:5");

        await admin.Locator("#queues tr", new() { HasText = "support" }).ClickAsync();
        await admin.SelectOptionAsync("#strategy", "linear");
        await admin.FillAsync("#requiredSkill", "french");
        await admin.FillAsync("#requiredLevel", "11");
        await admin.ClickAsync("#queue button[type=submit]");
        await Assertions.Expect(admin.Locator("#queue .field-error[data-field=requiredLevel]"))
            .ToContainTextAsync("is not a whole number from 1 to 10");
        await admin.FillAsync("#requiredLevel", "3");
        await admin.ClickAsync("#queue button[type=submit]");
        await Assertions.Expect(admin.Locator("#queues tr", new() { HasText = "support" })).ToContainTextAsync("french ≥ 3");

        await admin.Locator("#queues tr", new() { HasText = "sales" }).ClickAsync();
        await admin.FillAsync("#overflowAfterSeconds", "3");
        await admin.SelectOptionAsync("#overflowTo", "queue");
        await admin.FillAsync("#overflowTarget", "sales");
        await admin.SelectOptionAsync("#refuseWhen", "never");
        await admin.SelectOptionAsync("#leaveWhen", "never");
        var storedBefore = StoredWaiting(box);
        await FillWaitingAsync(admin, announce: "5", comfort: "nosuch", comfortEvery: "20", key: "x");
        await admin.ClickAsync("#queue button[type=submit]");
        await Assertions.Expect(admin.Locator("#queue .field-error[data-field=overflowTarget]"))
            .ToContainTextAsync("queue 'sales' cannot send calls to itself");
        await Assertions.Expect(admin.Locator("#queue .field-error[data-field=announceEverySeconds]"))
            .ToContainTextAsync("'5' is not 0 (off) or a whole number from 10 to 600");
        await Assertions.Expect(admin.Locator("#queue .field-error[data-field=comfortPrompt]"))
            .ToContainTextAsync("prompt 'nosuch' does not exist");
        await Assertions.Expect(admin.Locator("#queue .field-error[data-field=callbackKey]"))
            .ToContainTextAsync("'x' is not one key 0-9, * or #");
        var refusedRow = StoredWaiting(box);
        await admin.FillAsync("#overflowTarget", "support");
        await FillWaitingAsync(admin, announce: "30", comfort: "comfort", comfortEvery: "20", key: "9");
        await admin.ClickAsync("#queue button[type=submit]");
        await Assertions.Expect(admin.Locator("#queues tr", new() { HasText = "sales" }))
            .ToContainTextAsync("after 3 s → queue:support");
        await Assertions.Expect(admin.Locator("#queues tr", new() { HasText = "sales" }))
            .ToContainTextAsync("position every 30 s, comfort every 20 s, callback key 9");
        var savedRow = StoredWaiting(box);
        await Browser.ScreenshotAsync(admin, "routing-rules");

        await using var unskilled = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        await using var skilled = await new AgentPhones(sipp, box.Service)
            .StartAsync("1002", "agent-answers.xml", TimeSpan.FromSeconds(60));
        var callId = $"web-rules-{Guid.NewGuid():N}";
        await using var caller = DemoCalls.Place(box, sipp, "100", callId, TimeSpan.FromSeconds(60));
        var answered = await DemoCalls.WaitForCallStateAsync(admin, callId, "answered");
        // caller-until-bye.xml sends its digit 2 s after the IVR answers and only then waits
        // for a BYE, long before the agent answers here (3 s of waiting in sales first).
        var hangUp = await PageRequests.PostAsync(admin, $"/api/calls/{callId}/hangup");
        var callerResult = await caller.WaitAsync();
        var skilledResult = await skilled.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(10));
        using var audit = await PageApi.GetJsonAsync(admin, "/api/admin/audit");
        var audited = audit.RootElement.EnumerateArray().Select(a => a.GetProperty("detail").GetString()).ToList();

        Assert.True(answered, "The call to sales was not answered. Service:\n" + box.Service.Output);
        Assert.Equal(204, hangUp);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.True(skilledResult.ExitCode == 0, skilledResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.NotNull(cdr);
        Assert.Equal("support", cdr.Queue);
        Assert.Equal("1002", cdr.Agent);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.True(cdr.WaitSeconds >= 3, $"The call waited {cdr.WaitSeconds} s, less than the overflow time.");
        Assert.Contains(audited, d => d!.Contains("agent 1002 in support; skills french:5", StringComparison.Ordinal));
        Assert.Contains(audited, d => d!.Contains("queue support: linear", StringComparison.Ordinal)
            && d.Contains("skill french level 3", StringComparison.Ordinal));
        Assert.Contains(audited, d => d!.Contains("overflow after 3 s or at 0 waiting to queue:support", StringComparison.Ordinal));
        Assert.Equal(storedBefore, refusedRow);
        Assert.NotEqual(storedBefore, savedRow);
        Assert.Equal((30, "comfort", 20, "9"), savedRow);
        Assert.Contains(audited, d => d!.Contains(
            "announce every 30 s, comfort comfort every 20 s, callback key 9", StringComparison.Ordinal));
    }

    private static async Task FillWaitingAsync(
        IPage admin,
        string announce,
        string comfort,
        string comfortEvery,
        string key)
    {
        await admin.FillAsync("#announceEverySeconds", announce);
        await admin.FillAsync("#comfortPrompt", comfort);
        await admin.FillAsync("#comfortEverySeconds", comfortEvery);
        await admin.FillAsync("#callbackKey", key);
    }

    // The waiting columns of queue sales as table Queue holds them, empty text for null.
    private static (int Announce, string Comfort, int ComfortEvery, string Key) StoredWaiting(WebBox box)
    {
        using var db = new SQLiteConnection(box.Service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        var row = db.Query<QueueRow>("SELECT * FROM Queue WHERE Name = 'sales'").Single();
        return (row.AnnounceEverySeconds, row.ComfortPrompt ?? "", row.ComfortEverySeconds,
            row.CallbackKey ?? "");
    }

    private static async Task SaveAgentAsync(IPage admin, string agent, string queues, string skills)
    {
        await admin.FillAsync("#agentId", agent);
        await admin.FillAsync("#agentQueues", queues);
        await admin.FillAsync("#agentSkills", skills);
        await admin.ClickAsync("#agent button[type=submit]");
        if (skills.Length == 0)
        {
            // The demo agents start in sales and support; the saved row has support only.
            await Assertions.Expect(admin.Locator("#agents tr", new() { HasText = agent })).Not.ToContainTextAsync("sales");
        }
    }
}
