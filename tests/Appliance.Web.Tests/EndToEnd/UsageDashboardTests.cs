using System.Text.Json;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Reports;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The usage dashboard in Chromium against the running demo box, whose database is given the
/// time zone Asia/Shanghai (UTC+8) and call records of known quality on two trunks and two phones,
/// one of them on 20 November only in Shanghai (it arrived on the 19th in UTC) and one just past
/// that day. The page's tables, charts and CSV give the figures of the Shanghai day; the login of
/// the supervisor who opens it is counted; a range that ends before it starts is refused naming
/// <c>to</c>, and a day that does not read naming <c>from</c>.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class UsageDashboardTests
{
    private const string Day = "2026-11-20";
    private const string Yealink = "Yealink SIP-T46U 108.86.0.20";
    private const string Polycom = "Polycom VVX 450 6.4.3";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheUsagePageGivesTheQualityAndUseOfTheBoxsDayAndRefusesABadRange()
    {
        await using var box = await WebBox.StartAsync("demo");
        var worstId = Seed(box.Service.DatabasePath);
        await using var browser = await Browser.LaunchAsync();
        var supervisor = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(supervisor, "supervisor", "demo");

        await supervisor.GotoAsync("/usage");
        await supervisor.FillAsync("#from", Day);
        await supervisor.FillAsync("#to", Day);
        await supervisor.ClickAsync("#range button[type=submit]");
        var east = supervisor.Locator("#usage-quality-trunk tbody tr", new() { HasText = "east" });
        await Assertions.Expect(east).ToHaveTextAsync("east23.72.621.51");
        await Assertions.Expect(supervisor.Locator("#usage-quality-trunk tbody tr", new() { HasText = "west" }))
            .ToHaveTextAsync("west23.44.532.51");
        await Assertions.Expect(supervisor.Locator("#usage-quality-phone tbody tr", new() { HasText = "Polycom" }))
            .ToHaveTextAsync(Polycom + "23.44.532.51");
        await Assertions.Expect(supervisor.Locator("#usage-quality-trunk svg rect[data-label='east']"))
            .ToHaveAttributeAsync("data-value", "3.7");
        await Assertions.Expect(supervisor.Locator("#usage-agents tbody tr", new() { HasText = "1001" }).Locator("td").Nth(1))
            .ToHaveTextAsync("3");
        await Assertions.Expect(supervisor.Locator("#usage-trunks tbody tr", new() { HasText = "east" }).Locator("td").Nth(4))
            .ToHaveTextAsync("10:00");
        await Assertions.Expect(supervisor.Locator("#usage-users tbody tr", new() { HasText = "admin" }))
            .ToHaveTextAsync("admin122026-11-20 11:05");
        var worst = supervisor.Locator("#usage-worst tbody tr").First;
        await Assertions.Expect(worst.Locator("td").Nth(6)).ToHaveTextAsync("2.8");
        await Assertions.Expect(worst.Locator("a.recording"))
            .ToHaveAttributeAsync("href", $"/api/recordings/{worstId}/audio");
        await Assertions.Expect(supervisor.Locator("#usage-worst tbody tr")).ToHaveCountAsync(4);
        await Browser.ScreenshotAsync(supervisor, "usage");
        var qualityCsv = await (await supervisor.APIRequest.GetAsync(
            $"/api/usage/quality-trunk.csv?from={Day}&to={Day}")).TextAsync();
        var today = await (await supervisor.APIRequest.GetAsync("/api/usage/users")).TextAsync();
        var badDay = await supervisor.APIRequest.GetAsync("/api/usage/trunks?from=20.11.2026");
        var openApi = await (await supervisor.APIRequest.GetAsync("/openapi/v1.json")).TextAsync();
        await supervisor.FillAsync("#from", "2026-11-21");
        await supervisor.ClickAsync("#range button[type=submit]");
        await Assertions.Expect(supervisor.Locator("#range .field-error[data-field='to']"))
            .ToContainTextAsync("is before from");

        var lines = qualityCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("trunk,calls,mean_mos,mean_loss_pct,mean_jitter_ms,poor_calls", lines[0]);
        Assert.Equal(["east,2,3.7,2.6,21.5,1", "west,2,3.4,4.5,32.5,1"], lines[1..]);
        using var users = JsonDocument.Parse(today);
        var supervisorRow = users.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r[0].GetString() == "supervisor");
        Assert.Equal(1, supervisorRow[1].GetInt32());
        Assert.Equal(400, badDay.Status);
        using var problem = JsonDocument.Parse(await badDay.TextAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("from", out _), problem.RootElement.ToString());
        Assert.Contains("/api/usage/{name}", openApi, StringComparison.Ordinal);
    }

    /// <summary>Writes the zone, the audit rows and the call records into the running box's
    /// database; returns the Id of the worst call of the day, which has a recording.</summary>
    private static int Seed(string databasePath)
    {
        using var db = new SQLiteConnection(databasePath) { BusyTimeout = TimeSpan.FromSeconds(10) };
        db.InsertOrReplace(new SettingRow { Key = SettingRow.TimeZoneKey, Value = "Asia/Shanghai" });
        db.Insert(new AuditRow { AtUtc = "2026-11-20T03:00:00.0000000Z", Actor = "admin", Action = UsageReports.LoginAction });
        db.Insert(new AuditRow { AtUtc = "2026-11-20T03:04:00.0000000Z", Actor = "admin", Action = "queue.saved" });
        db.Insert(new AuditRow { AtUtc = "2026-11-20T03:05:00.0000000Z", Actor = "admin", Action = "trunk.saved" });

        // 10:00 and 10:01 in Shanghai on east; 11:00 on west, the worst; 01:00 on west, which is
        // still the 19th in UTC; and 01:00 on the 21st, outside the day.
        db.Insert(Call("u-1", "2026-11-20T02:00:00Z", "east", "1001", Yealink, 4.3, 0.2, 3, recording: "recordings/u-1.wav"));
        db.Insert(Call("u-2", "2026-11-20T02:01:00Z", "east", "1002", Yealink, 3.1, 5.0, 40));
        var worst = Call("u-3", "2026-11-20T03:00:00Z", "west", "1001", Polycom, 2.8, 8.0, 55, recording: "recordings/u-3.wav");
        db.Insert(worst);
        db.Insert(Call("u-4", "2026-11-19T17:00:00Z", "west", "1001", Polycom, 4.0, 1.0, 10));
        db.Insert(Call("u-5", "2026-11-20T17:00:00Z", "east", "1002", Yealink, 1.5, 20.0, 90));
        return worst.Id;
    }

    private static CdrRow Call(
        string callId,
        string arrived,
        string trunk,
        string agent,
        string phone,
        double mos,
        double loss,
        double jitter,
        string? recording = null)
    {
        var at = DateTime.Parse(arrived, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal);
        string Iso(DateTime t) => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new CdrRow
        {
            CallId = callId,
            CallerNumber = "5550100",
            Did = "100",
            Queue = "sales",
            Agent = agent,
            ArrivedUtc = Iso(at),
            AnsweredUtc = Iso(at.AddSeconds(5)),
            EndedUtc = Iso(at.AddSeconds(125)),
            WaitSeconds = 5,
            TalkSeconds = 120,
            Disposition = "answered",
            Trunk = trunk,
            AgentPhone = phone,
            Mos = mos,
            LossPercent = loss,
            JitterMs = jitter,
            RecordingFile = recording,
        };
    }
}
