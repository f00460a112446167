using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Web.Reports;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The charted reports in Chromium against the running demo box: a SIPp call answered from
/// sales shows in the 15-minute interval it arrived in and in the queue report, each drawn as a
/// bar and exported as CSV, and in the trunk report under the demo's SIP trunk; a range that ends before it starts is refused naming <c>to</c>.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ChartedReportTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASippCallShowsInTheIntervalAndQueueReportsTheirChartsAndTheirCsv()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        await using var browser = await Browser.LaunchAsync();
        var supervisor = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(supervisor, "supervisor", "demo");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));
        var cdr = await DemoCalls.AnsweredAsync(box, sipp, supervisor);
        var arrived = DateTime.Parse(cdr.ArrivedUtc!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        // The demo box stores no time zone, so its reports read the machine's, as this process does.
        var local = CallReports.Local(arrived, TimeZoneInfo.Local);
        var interval = CallReports.IntervalStart(local).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await supervisor.GotoAsync("/reports");
        await supervisor.FillAsync("#from", day);
        await supervisor.FillAsync("#to", day);
        await supervisor.ClickAsync("#range button[type=submit]");
        var intervalRow = supervisor.Locator("#report-interval tbody tr", new() { HasText = interval });
        await Assertions.Expect(intervalRow.Locator("td").Nth(1)).ToHaveTextAsync("1");
        var queueRow = supervisor.Locator("#report-queue tbody tr", new() { HasText = "sales" });
        await Assertions.Expect(queueRow.Locator("td").Nth(2)).ToHaveTextAsync("1");
        await Assertions.Expect(supervisor.Locator($"#report-interval svg rect[data-label='{interval}']"))
            .ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(supervisor.Locator("#report-queue svg rect[data-label='sales']"))
            .ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(supervisor.Locator("#report-trunk tbody")).ToContainTextAsync("loopback");
        await Browser.ScreenshotAsync(supervisor, "reports-charts");
        var intervalCsv = await (await supervisor.APIRequest.GetAsync(
            $"/api/reports/tables/interval.csv?from={day}&to={day}")).TextAsync();
        var queueCsv = await (await supervisor.APIRequest.GetAsync(
            $"/api/reports/tables/queue.csv?from={day}&to={day}")).TextAsync();
        var nextDay = local.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await supervisor.FillAsync("#from", nextDay);
        await supervisor.ClickAsync("#range button[type=submit]");
        await Assertions.Expect(supervisor.Locator("#range .field-error[data-field='to']"))
            .ToContainTextAsync("is before from");
        await phone.Peer.WaitAsync();

        var intervalLines = intervalCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("interval,calls,answered,abandoned,avg_wait_s,talk_s,forecast_calls", intervalLines[0]);
        Assert.Contains(intervalLines, l => l.StartsWith($"{interval},1,1,0,", StringComparison.Ordinal));
        var queueLines = queueCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(queueLines, l => l.StartsWith("sales,1,1,0,0,", StringComparison.Ordinal));
    }
}
