using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The business-hours page in Chromium against the running demo box: a day that is not a range
/// is refused with its field named; a schedule the flow names sends the next SIPp call down its
/// open branch; holidays added on the page close it, and the call after goes down the other.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BusinessHoursTests
{
    // Open hours send a caller to support, closed ones to sales.
    private const string ByOfficeHours = """
        { "name": "main", "version": 2, "start": "hours",
          "nodes": [ { "id": "hours", "type": "condition", "schedule": "office", "then": "support", "else": "sales" },
                     { "id": "support", "type": "queue", "queue": "support" },
                     { "id": "sales", "type": "queue", "queue": "sales" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AHolidayAddedOnThePageFlipsTheScheduleConditionOfTheNextCall()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/hours");

        await admin.FillAsync("#scheduleName", "office");
        await admin.FillAsync("#monday", "09:00-25:00");
        await admin.ClickAsync("#schedule button[type=submit]");
        await Assertions.Expect(admin.Locator("#schedule .field-error[data-field='monday']"))
            .ToContainTextAsync("'09:00-25:00' is not a range");
        await Browser.ScreenshotAsync(admin, "hours-refused");
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
        {
            await admin.FillAsync($"#{day}", "00:00-24:00");
        }

        await admin.ClickAsync("#schedule button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Schedule saved");
        await Assertions.Expect(admin.Locator("#schedules tr", new() { HasText = "office" }))
            .ToContainTextAsync("00:00-24:00");
        var flowSaved = await PageRequests.PostAsync(admin, "/api/admin/flows", new { json = ByOfficeHours });
        // One phone for both calls: a later -m wins over the one AgentPhones passes.
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(120), "-m", "2");
        var open = (await DemoCalls.AnsweredAsync(box, sipp, admin)).Queue;

        // Yesterday and tomorrow too, so a run across midnight still finds today closed.
        var today = DateOnly.FromDateTime(DateTime.Now);
        foreach (var day in new[] { today.AddDays(-1), today, today.AddDays(1) })
        {
            await admin.FillAsync("#holidayDate", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await admin.FillAsync("#holidayName", "Test day");
            await admin.ClickAsync("#holiday button[type=submit]");
            await Assertions.Expect(admin.Locator("#holidays")).ToContainTextAsync(
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        await Browser.ScreenshotAsync(admin, "hours");
        var closed = (await DemoCalls.AnsweredAsync(box, sipp, admin)).Queue;
        var phoneResult = await phone.Peer.WaitAsync();
        await admin.GotoAsync("/admin");
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("holiday.saved");
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("schedule.saved");

        Assert.Equal(200, flowSaved);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe());
        Assert.Equal("support", open);
        Assert.Equal("sales", closed);
    }

    /// <remarks>
    /// Kiritimati (UTC+14) and Etc/GMT+12 (UTC-12) are 26 hours apart, so their weekdays always
    /// differ: a schedule open all day on Kiritimati's weekday only is open in the one zone and
    /// closed in the other, whatever the time of the run.
    /// </remarks>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheTimeZoneSavedOnThePageDecidesWhetherTheNextCallFindsTheScheduleOpen()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/hours");
        var east = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var eastDay = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, east).DayOfWeek;

        await admin.FillAsync("#timeZone", "Mars/Olympus_Mons");
        await admin.ClickAsync("#zone button[type=submit]");
        await Assertions.Expect(admin.Locator("#zone .field-error[data-field='timeZone']"))
            .ToContainTextAsync("is not a known time zone");
        await SaveZoneAsync(admin, "Pacific/Kiritimati");
        await admin.FillAsync("#scheduleName", "office");
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            await admin.FillAsync($"#{day.ToString().ToLowerInvariant()}", day == eastDay ? "00:00-24:00" : "");
        }

        await admin.ClickAsync("#schedule button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Schedule saved");
        var flowSaved = await PageRequests.PostAsync(admin, "/api/admin/flows", new { json = ByOfficeHours });
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(120), "-m", "2");
        var inEast = (await DemoCalls.AnsweredAsync(box, sipp, admin)).Queue;
        await SaveZoneAsync(admin, "Etc/GMT+12");
        var inWest = (await DemoCalls.AnsweredAsync(box, sipp, admin)).Queue;
        var phoneResult = await phone.Peer.WaitAsync();
        await admin.GotoAsync("/admin");

        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("timezone.saved");
        Assert.Equal(200, flowSaved);
        Assert.True(phoneResult.ExitCode == 0, phoneResult.Describe());
        Assert.Equal(("support", "sales"), (inEast, inWest));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DeletingAScheduleARunningFlowNamesIsRefusedAndTheScheduleStays()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/hours");
        await admin.FillAsync("#scheduleName", "office");
        await admin.ClickAsync("#schedule button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Schedule saved");
        var flowSaved = await PageRequests.PostAsync(admin, "/api/admin/flows", new { json = ByOfficeHours });
        await admin.ReloadAsync();

        await admin.Locator("#schedules tr", new() { HasText = "office" }).Locator("button").ClickAsync();

        await Assertions.Expect(admin.Locator("#schedule .field-error[data-field='name']"))
            .ToContainTextAsync("flow 'main'");
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator("#schedules")).ToContainTextAsync("office");
        Assert.Equal(200, flowSaved);
    }

    private static async Task SaveZoneAsync(IPage admin, string zone)
    {
        await admin.FillAsync("#timeZone", zone);
        await admin.ClickAsync("#zone button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Time zone saved");
        await Assertions.Expect(admin.Locator("#zoneNow")).ToContainTextAsync(zone);
    }
}
