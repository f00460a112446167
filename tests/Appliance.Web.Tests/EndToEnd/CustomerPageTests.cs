using System.Text;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The customers page in Chromium against the running demo box: a bad field of the form is
/// refused by name; a CSV import keeps its good rows, updates the customer an existing number
/// belongs to and reports each bad row by line and reason; search, delete and the CSV export
/// work on the result; a supervisor reads the list but cannot import.
/// </summary>
/// <remarks>
/// That a customer in the table is found by a SIPp caller's number is CustomerApiTests'; an
/// imported row is stored through the same check and table.
/// </remarks>
[Collection(WebCollection.Name)]
public sealed class CustomerPageTests
{
    private const string Csv =
        "number,name,vip_priority,language\r\n"
        + "+44 (555) 0101,Ada Lovelace,20,en\r\n"
        + "5550202;555-0203,Bob Stone,,\r\n"
        + "555 0909,Ann Updated,,\r\n"
        + "call me,Carol,,\r\n"
        + "5550404,,,\r\n"
        + "5550505,Dan,5000,\r\n"
        + "\"5550606\",\"Eve \"\"the\"\" Quote\",,fr\r\n"
        + "+445550101,Ada Again,,\r\n"
        + "\"5550707,Unclosed\r\n";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnImportKeepsTheGoodRowsUpdatesAKnownNumberAndReportsEachBadRowByLine()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/customers");
        await Assertions.Expect(admin.Locator("#count")).ToHaveTextAsync("0 customers.");

        await admin.FillAsync("#account", "A-100");
        await admin.FillAsync("#name", "Ann Early");
        await admin.FillAsync("#numbers", "555-0909");
        await admin.FillAsync("#vipPriority", "abc");
        await admin.ClickAsync("#customer button[type=submit]");
        await Assertions.Expect(admin.Locator("#customer .field-error[data-field='vipPriority']"))
            .ToContainTextAsync("must be a whole number from 0 to 1000");
        await admin.FillAsync("#vipPriority", "3");
        await admin.ClickAsync("#customer button[type=submit]");
        await Assertions.Expect(admin.Locator("#customers tr", new() { HasText = "A-100" })).ToContainTextAsync("5550909");

        await admin.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "customers.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(Csv),
        });
        await admin.ClickAsync("#import button[type=submit]");
        await Assertions.Expect(admin.Locator("#import-summary"))
            .ToHaveTextAsync("9 rows read: 2 added, 1 updated (line 4: A-100), 6 rejected.");
        var rejected = await admin.Locator("#import-rejected tbody tr").AllInnerTextsAsync();
        await Assertions.Expect(admin.Locator("#count")).ToHaveTextAsync("3 customers.");
        var listed = await admin.Locator("#customers tr").AllInnerTextsAsync();
        await Browser.ScreenshotAsync(admin, "customers-import");

        await admin.FillAsync("#text", "555-0203");
        await admin.ClickAsync("#search button[type=submit]");
        await Assertions.Expect(admin.Locator("#count")).ToHaveTextAsync("1 customer.");
        await admin.Locator("#customers tr", new() { HasText = "Bob Stone" }).Locator("button").ClickAsync();
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Customer C5550202 deleted");
        await Assertions.Expect(admin.Locator("#count")).ToHaveTextAsync("0 customers.");
        var export = await (await admin.APIRequest.GetAsync("/api/customers.csv")).TextAsync();
        await admin.GotoAsync("/admin");
        await Assertions.Expect(admin.Locator("body")).ToContainTextAsync("customer.imported");

        var supervisor = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(supervisor, "supervisor", "demo");
        await supervisor.GotoAsync("/customers");
        await Assertions.Expect(supervisor.Locator("#count")).ToHaveTextAsync("2 customers.");
        var importHidden = await supervisor.Locator("#import").IsHiddenAsync();
        var (importStatus, _) = await PageApi.SendAsync(supervisor, "POST", "/api/admin/customers/import");

        Assert.Equal(
            [
                "5\tnumbers\tnumbers: 'call me' is not a telephone number of 3 to 20 digits "
                    + "(digits, a leading '+', spaces, '-', '.', '/' and brackets only)",
                "6\tname\tname: is required",
                "7\tvipPriority\tvipPriority: must be a whole number from 0 to 1000 (0 for no VIP priority)",
                "8\tlanguage\tlanguage: 'fr' is not one of en, zh",
                "9\tnumbers\t+445550101 repeats line 2",
                "10\t\tquoted field not closed before the end of the file",
            ],
            rejected);
        Assert.Contains(listed, l => l.StartsWith("A-100\tAnn Updated\t5550909\t0", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith("C445550101\tAda Lovelace\t+445550101\t20\ten", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith("C5550202\tBob Stone\t5550202, 5550203", StringComparison.Ordinal));
        Assert.Equal(
            "account,name,numbers,vip_priority,language\r\nA-100,Ann Updated,5550909,0,\r\n"
            + "C445550101,Ada Lovelace,+445550101,20,en\r\n",
            export);
        Assert.True(importHidden);
        Assert.Equal(403, importStatus);
    }
}
