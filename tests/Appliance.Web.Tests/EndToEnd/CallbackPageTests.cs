using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The supervisors' <c>/callbacks</c> page in Chromium against the real service: a SIPp caller
/// waits at the head of the demo queue "sales" (nobody serves it), a second SIPp caller behind it
/// presses the callback key 9 and # for its own number. The page lists that callback as waiting
/// with its queue, number and attempts; Cancel takes it out, the page says so, and its row in
/// table Callback is written cancelled and done, with an audit entry.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CallbackPageTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallbackASippCallerBookedIsListedAndCancelledOnThePage()
    {
        // Nothing answers on the callback trunk: the test cancels the callback before its turn.
        var trunk = "--Callbacks:Trunk=127.0.0.1:" + FreePorts.Sip().ToString(CultureInfo.InvariantCulture);
        await using var seeded = await WebBox.StartAsync("demo", trunk);
        await using var box = await seeded.ConfigureAsync(
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never', CallbackKey = '9' WHERE Name = 'sales'");
        var sipp = new SippRunner(box.Service.Root);
        var headId = $"web-callback-head-{Guid.NewGuid():N}";
        await using var head = sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(90),
            box.Service.SipTarget,
            "-s", "100",
            "-set", "talk", "45000",
            "-cid_str", headId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        var queued = await box.Service.WaitForOutputAsync($"Call {headId} queued in sales", s_timeout);
        var callbackId = $"web-callback-{Guid.NewGuid():N}";
        var booker = await sipp.Start(
            "caller-books-callback.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(60),
            box.Service.SipTarget,
            "-s", "100",
            "-set", "wait", "3000",
            "-set", "offer", "5000",
            "-cid_str", callbackId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "supervisor", "demo");
        await page.GotoAsync("/callbacks");
        var row = page.Locator($"#callbacks tr[data-id='{callbackId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var cells = await row.Locator("td").AllInnerTextsAsync();
        await Browser.ScreenshotAsync(page, "callbacks");
        await row.GetByRole(AriaRole.Button, new() { Name = "Cancel the callback to 5551234" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cancelled")).ToContainTextAsync("Callback to 5551234 (sales) cancelled.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var headCall = await head.WaitAsync();

        var why = "\nService:\n" + box.Service.Output;
        Assert.True(queued, "The first caller did not wait in sales." + why);
        Assert.True(booker.ExitCode == 0, booker.Describe() + why);
        Assert.Equal("sales", cells[0]);
        Assert.Equal("5551234", cells[1]);
        Assert.Equal("0", cells[3]);
        Assert.Equal("waiting", cells[4]);
        Assert.True(headCall.ExitCode == 0, headCall.Describe() + why);
        using var db = new SQLiteConnection(box.Service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        Assert.Equal(
            ("cancelled", 1, 0),
            (db.ExecuteScalar<string>("SELECT Result FROM Callback WHERE Id = ?", callbackId),
                db.ExecuteScalar<int>("SELECT Done FROM Callback WHERE Id = ?", callbackId),
                db.ExecuteScalar<int>("SELECT Attempts FROM Callback WHERE Id = ?", callbackId)));
        Assert.Equal(
            $"callback {callbackId}",
            db.ExecuteScalar<string>(
                "SELECT Detail FROM AuditLog WHERE Action = 'callback.cancelled' AND Actor = 'supervisor'"));
    }
}
