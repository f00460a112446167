using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The backup download and its restore on the admin page, in Chromium against the running demo
/// box: every configuration table an admin edits comes back as it was when the backup was taken,
/// and a backup whose flow the box refuses changes nothing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ConfigurationBackupTests
{
    private const string FlowBefore = """
        { "name": "backup", "version": 1, "start": "q", "nodes": [ { "id": "q", "type": "queue", "queue": "sales" } ] }
        """;

    private const string FlowAfter = """
        { "name": "backup", "version": 2, "start": "q", "nodes": [ { "id": "q", "type": "queue", "queue": "support" } ] }
        """;

    // The sections of a backup compared row for row after the restore.
    private static readonly string[] s_tables =
    [
        "extensions", "trunks", "dids", "queues", "members", "menus", "skills", "reasons",
        "dispositions", "schedules", "holidays", "recordingPolicies", "settings",
    ];

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ARestoredBackupBringsBackEveryConfigurationTable()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await ConfigureAsync(admin, "resolved", "training", "09:00-17:00", "sales", "none", FlowBefore);
        await RulesAsync(admin, "french:5, billing:2", "french", "30", "queue", "support");
        await Ok(admin, "POST", "/api/admin/holidays", new { date = "2027-01-01", name = "New year" });
        var backup = await (await admin.APIRequest.GetAsync("/api/admin/backup")).TextAsync();
        await ConfigureAsync(admin, "other", "coaching", "10:00-11:00", "sales", "all", FlowAfter);
        await RulesAsync(admin, "german:9", "", "0", "callback", "");
        await Ok(admin, "DELETE", "/api/admin/dispositions/resolved");
        await Ok(admin, "DELETE", "/api/admin/holidays/2027-01-01");
        await Ok(admin, "POST", "/api/admin/holidays", new { date = "2027-05-01", name = "May day" });
        await admin.GotoAsync("/admin");

        await admin.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "sparklecc-configuration.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes(backup),
        });
        await admin.ClickAsync("#restore button[type=submit]");

        await Assertions.Expect(admin.Locator("#restored")).ToContainTextAsync("Configuration restored");
        await Browser.ScreenshotAsync(admin, "admin-restored");
        var restored = await (await admin.APIRequest.GetAsync("/api/admin/backup")).TextAsync();
        await Assertions.Expect(admin.Locator("#audit")).ToContainTextAsync("configuration.restored");
        await admin.GotoAsync("/dispositions");
        await Assertions.Expect(admin.Locator("#codes")).ToContainTextAsync("resolved");
        await Assertions.Expect(admin.Locator("#codes")).Not.ToContainTextAsync("other");
        await admin.GotoAsync("/hours");
        await Assertions.Expect(admin.Locator("#holidays")).ToContainTextAsync("2027-01-01");
        await Assertions.Expect(admin.Locator("#holidays")).Not.ToContainTextAsync("2027-05-01");
        using var flows = await PageApi.GetJsonAsync(admin, "/api/admin/flows");
        var before = JsonNode.Parse(backup)!.AsObject();
        var after = JsonNode.Parse(restored)!.AsObject();
        foreach (var table in s_tables)
        {
            Assert.True(
                JsonNode.DeepEquals(before[table], after[table]),
                $"{table} before: {before[table]?.ToJsonString()}\nafter: {after[table]?.ToJsonString()}");
        }

        Assert.Contains("\"training\"", before["reasons"]!.ToJsonString(), StringComparison.Ordinal);
        var skills = after["skills"]!.AsArray().Where(k => k!["agentId"]!.GetValue<string>() == "1002")
            .Select(k => $"{k!["skill"]}:{k["level"]}");
        Assert.Equal(["french:5", "billing:2"], skills);
        var sales = after["queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == "sales")!;
        Assert.Equal("french", sales["requiredSkill"]!.GetValue<string>());
        Assert.Equal(4, sales["requiredLevel"]!.GetValue<int>());
        Assert.Equal(30, sales["overflowAfterSeconds"]!.GetValue<int>());
        Assert.Equal("queue:support", sales["overflowTo"]!.GetValue<string>());
        Assert.Equal(600, sales["maxWaitSeconds"]!.GetValue<int>());
        Assert.Equal("none-ready", sales["leaveWhen"]!.GetValue<string>());
        Assert.Contains("\"none\"", before["recordingPolicies"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("09:00-17:00", before["schedules"]!.ToJsonString(), StringComparison.Ordinal);
        var running = flows.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "backup");
        Assert.Equal(1, running.GetProperty("version").GetInt32());
        Assert.Contains("\"sales\"", running.GetProperty("json").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ABackupWhoseFlowTheBoxRefusesIsRefusedNamingTheFlowAndChangesNothing()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await Ok(admin, "POST", "/api/admin/dispositions", new { code = "resolved", name = "Resolved" });
        var backup = JsonNode.Parse(await (await admin.APIRequest.GetAsync("/api/admin/backup")).TextAsync())!;
        backup["dispositions"] = new JsonArray(new JsonObject { ["code"] = "swapped", ["name"] = "Swapped" });
        backup["flows"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "broken",
            ["json"] = FlowBefore.Replace("backup", "broken", StringComparison.Ordinal)
                .Replace("\"sales\"", "\"nosuch\"", StringComparison.Ordinal),
        });
        await admin.GotoAsync("/admin");

        await admin.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes(backup.ToJsonString()),
        });
        await admin.ClickAsync("#restore button[type=submit]");

        await Assertions.Expect(admin.Locator("#restore .field-error[data-field='file']"))
            .ToContainTextAsync("IvrFlow 'broken'");
        await Browser.ScreenshotAsync(admin, "admin-restore-refused");
        using var codes = await PageApi.GetJsonAsync(admin, "/api/dispositions");
        using var flows = await PageApi.GetJsonAsync(admin, "/api/admin/flows");
        Assert.Equal(["resolved"], codes.RootElement.EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.DoesNotContain(flows.RootElement.EnumerateArray(), f => f.GetProperty("name").GetString() == "broken");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ATamperedBackupIsRefusedNamingThePartAndFieldAndChangesNothing()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        var original = await (await admin.APIRequest.GetAsync("/api/admin/backup")).TextAsync();

        var twoCodes = JsonNode.Parse(original)!;
        twoCodes["reasons"] = new JsonArray(
            new JsonObject { ["code"] = 1, ["name"] = "break" },
            new JsonObject { ["code"] = 1, ["name"] = "lunch" });
        var noExtensions = JsonNode.Parse(original)!;
        noExtensions["extensions"] = new JsonArray();
        var letters = JsonNode.Parse(original)!;
        letters["extensions"]![0]!["number"] = "abc";
        var wrongKind = JsonNode.Parse(original)!;
        wrongKind["settings"] = "none";

        var (twoCodesStatus, twoCodesText) = await RestoreAsync(admin, twoCodes);
        var (noExtensionsStatus, noExtensionsText) = await RestoreAsync(admin, noExtensions);
        var (lettersStatus, lettersText) = await RestoreAsync(admin, letters);
        var (wrongKindStatus, wrongKindText) = await RestoreAsync(admin, wrongKind);
        var after = await (await admin.APIRequest.GetAsync("/api/admin/backup")).TextAsync();

        Assert.Equal(400, twoCodesStatus);
        Assert.Contains("reasons[1].code", twoCodesText, StringComparison.Ordinal);
        Assert.Equal(400, noExtensionsStatus);
        Assert.Contains("members[0].agentId", noExtensionsText, StringComparison.Ordinal);
        Assert.Contains("is not an extension of this file", noExtensionsText, StringComparison.Ordinal);
        Assert.Equal(400, lettersStatus);
        Assert.Contains("extensions[0].number", lettersText, StringComparison.Ordinal);
        Assert.Contains("'abc' is not an extension number", lettersText, StringComparison.Ordinal);
        Assert.Equal(400, wrongKindStatus);
        Assert.Contains("$.settings", wrongKindText, StringComparison.Ordinal);
        Assert.All(
            new[] { twoCodesText, noExtensionsText, lettersText, wrongKindText },
            text => Assert.DoesNotContain("Appliance.", text, StringComparison.Ordinal));
        Assert.DoesNotContain("`1", wrongKindText, StringComparison.Ordinal);
        Assert.Equal(original, after);
    }

    private static Task<(int Status, string Body)> RestoreAsync(IPage admin, JsonNode backup) =>
        PageApi.SendAsync(
            admin, "POST", "/api/admin/restore", JsonSerializer.Deserialize<JsonElement>(backup.ToJsonString()));

    private static async Task ConfigureAsync(
        IPage admin,
        string disposition,
        string reason,
        string monday,
        string queue,
        string mode,
        string flow)
    {
        await Ok(admin, "POST", "/api/admin/dispositions", new { code = disposition, name = disposition.ToUpperInvariant() });
        await Ok(admin, "POST", "/api/admin/reasons", new { code = "7", name = reason });
        await Ok(admin, "POST", "/api/admin/schedules", new { name = "office", monday });
        await Ok(admin, "POST", "/api/admin/recording-policies", new { queue, mode, format = "wav", retentionDays = "30" });
        await Ok(admin, "POST", "/api/admin/flows", new { json = flow });
    }

    // Agent 1002's skills and the sales queue's rules, through the routing page's API.
    private static async Task RulesAsync(
        IPage admin,
        string skills,
        string requiredSkill,
        string overflowAfter,
        string overflowTo,
        string overflowTarget)
    {
        await Ok(admin, "POST", "/api/admin/agents", new { agentId = "1002", queues = "sales,support", skills });
        await Ok(admin, "POST", "/api/admin/queues", new
        {
            name = "sales", requiredSkill, requiredLevel = "4", widenLevelEverySeconds = "20",
            overflowAfterSeconds = overflowAfter, overflowTo, overflowTarget, maxWaitSeconds = "600",
            maxWaitExit = "hangup", refuseWhen = "never", leaveWhen = "none-ready",
        });
    }

    private static async Task Ok(IPage page, string method, string path, object? body = null)
    {
        var (status, text) = await PageApi.SendAsync(page, method, path, body);
        Assert.True(status is >= 200 and < 300, $"{method} {path} answered {status}: {text}");
    }
}
