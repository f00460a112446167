using System.Globalization;
using Appliance.CallCenter.Forecasting;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The forecast page in Chromium against the running demo box (UTC days): four weeks of stored
/// figures give sales 40 calls of 180 s in the 09:00 quarter hour of tomorrow's weekday, which is
/// 8 Erlangs; the page shows that forecast and the agents Erlang C needs for it, charts it and
/// exports it, says plainly that support has no history, refuses a bad day and queue by field;
/// the admin's recompute takes in a fifth week, and the interval report shows it beside the calls.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ForecastPageTests
{
    private static readonly TimeSpan s_handleTime = TimeSpan.FromSeconds(180);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TomorrowsForecastShowsTheOfferedCallsAndTheAgentsErlangCGivesForThem()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var day = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var week = 1; week <= 4; week++)
        {
            AddHistory(box.Service.DatabasePath, tomorrow.AddDays(-7 * week), offered: 40);
        }

        var agentsC = ErlangC.AgentsNeeded(8, s_handleTime, TimeSpan.FromSeconds(20), 0.8);
        var agentsA = AgentsForFivePercentAbandons(load: 8, patience: TimeSpan.FromSeconds(60));

        await admin.GotoAsync("/forecast?queue=sales");
        var nine = admin.Locator("#intervals tr", new() { HasText = "09:00" });
        await Assertions.Expect(nine.Locator("td").Nth(1)).ToHaveTextAsync("40");
        var shown = new
        {
            Day = await admin.InputValueAsync("#day"),
            HandleTime = await nine.Locator("td").Nth(2).TextContentAsync(),
            Patience = await nine.Locator("td").Nth(3).TextContentAsync(),
            AgentsC = await nine.Locator("td").Nth(4).TextContentAsync(),
            AgentsA = await nine.Locator("td").Nth(5).TextContentAsync(),
            Rows = await admin.Locator("#intervals tr").CountAsync(),
            Bar = await admin.Locator("#chart svg rect[data-label='09:00']").GetAttributeAsync("data-value"),
        };
        await Browser.ScreenshotAsync(admin, "forecast");
        var csv = await (await admin.APIRequest.GetAsync($"/api/forecast.csv?queue=sales&day={day}")).TextAsync();
        var openApi = await (await admin.APIRequest.GetAsync("/openapi/v1.json")).TextAsync();

        await admin.FillAsync("#queue", "support");
        await admin.ClickAsync("#pick button[type=submit]");
        await Assertions.Expect(admin.Locator("#message")).ToContainTextAsync("Queue support has no call history yet");
        var supportRows = await admin.Locator("#intervals tr").CountAsync();
        await admin.FillAsync("#queue", "nosuch");
        await admin.FillAsync("#day", "2026-02-30");
        await admin.ClickAsync("#pick button[type=submit]");
        await Assertions.Expect(admin.Locator("#pick .field-error[data-field='day']"))
            .ToContainTextAsync("'2026-02-30' is not a day");
        await Assertions.Expect(admin.Locator("#pick .field-error[data-field='queue']"))
            .ToContainTextAsync("no queue 'nosuch' exists");

        AddHistory(box.Service.DatabasePath, tomorrow.AddDays(-35), offered: 80);
        await admin.FillAsync("#queue", "sales");
        await admin.FillAsync("#day", day);
        await admin.ClickAsync("#pick button[type=submit]");
        await Assertions.Expect(nine.Locator("td").Nth(1)).ToHaveTextAsync("40");
        await admin.ClickAsync("#recompute");
        await Assertions.Expect(nine.Locator("td").Nth(1)).ToHaveTextAsync("48");
        var report = await (await admin.APIRequest.GetAsync(
            $"/api/reports/tables/interval.csv?from={day}&to={day}")).TextAsync();
        await admin.GotoAsync("/admin");
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("forecast.recomputed");

        Assert.Equal(day, shown.Day);
        Assert.Equal("180", shown.HandleTime);
        Assert.Equal("60", shown.Patience);
        Assert.Equal(agentsC.ToString(CultureInfo.InvariantCulture), shown.AgentsC);
        Assert.Equal(agentsA.ToString(CultureInfo.InvariantCulture), shown.AgentsA);
        Assert.Equal(96, shown.Rows);
        Assert.Equal("40", shown.Bar);
        Assert.Equal(0, supportRows);
        Assert.Contains("\"/api/forecast\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"/api/admin/forecast/recompute\"", openApi, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "interval_start,offered,aht_s,patience_s,agents_erlang_c,agents_erlang_a,expected_service_level_pct",
            lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{day} 09:00,40,180,60,{agentsC},{agentsA},", StringComparison.Ordinal));
        Assert.Equal(97, lines.Length);
        Assert.Contains($"{day} 09:00,0,0,0,,0,48\r\n", report, StringComparison.Ordinal);
    }

    /// <summary>
    /// The 09:00 UTC interval of <paramref name="day"/> in table QueueInterval, as the service
    /// writes it: <paramref name="offered"/> calls, two of them abandoned after 60 s each, the rest
    /// talked 180 s. The service keeps the file in WAL mode, so this writes beside it while it runs.
    /// </summary>
    private static void AddHistory(string databasePath, DateOnly day, int offered)
    {
        var start = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
        using var db = new SQLiteConnection(databasePath);
        db.Execute(
            "INSERT INTO QueueInterval (Id, Queue, StartUtc, Offered, Answered, Abandoned, ShortAbandoned, Overflowed, "
            + "AnsweredWithinTarget, TotalAnswerWaitMs, TotalAbandonWaitMs, TotalTalkMs, Completed, LongestWaitMs) "
            + "VALUES (?, 'sales', ?, ?, ?, 2, 0, 0, ?, 0, 120000, ?, ?, 60000)",
            "sales@" + start,
            start,
            offered,
            offered - 2,
            offered - 2,
            (offered - 2) * 180_000L,
            offered - 2);
    }

    private static int AgentsForFivePercentAbandons(double load, TimeSpan patience)
    {
        var agents = 1;
        while (ErlangA.Solve(agents, load, s_handleTime, patience).ProbabilityOfAbandon > 0.05)
        {
            agents++;
        }

        return agents;
    }
}
