using System.Globalization;
using Appliance.Service.Tests.Support;
using Appliance.Storage;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// A preview campaign on the agent desktop in Chromium: agent 1001's SIPp phone registers, the
/// desktop shows the contact the campaign offers (name, number, a field of the list, no earlier
/// attempt); Dial rings the SIPp contact, which answers, talks and hangs up; the campaign wrap-up
/// form then asks for the disposition, and the code chosen there is stored on the attempt's row.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PreviewCampaignTests
{
    private const string ContactNumber = "+15550000002";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DesktopShowsThePreviewDialRingsTheContactAndTheFormStoresTheDisposition()
    {
        var folder = Directory.CreateTempSubdirectory("sparklecc-preview-").FullName;
        var contacts = Path.Combine(folder, "contacts.csv");
        await File.WriteAllLinesAsync(
            contacts, ["id,phone,timezone,name,plan", $"p1,{ContactNumber},UTC,Grace Hopper,gold"]);
        var contactPort = FreePorts.Sip();
        const string Key = "--Dialer:Campaigns:0:";
        await using var box = await WebBox.StartAsync(
            "demo",
            Key + "Name=winter",
            Key + "CallerId=+15559990000",
            Key + "Agents=1001",
            Key + "Contacts=" + contacts,
            Key + "Trunk:Destination=127.0.0.1:" + Port(contactPort),
            Key + "Mode=preview",
            Key + "CallingHours=00:00-23:59",
            Key + "WrapUpTime=00:02:00",
            Key + "AutoStart=true");
        var sipp = new SippRunner(box.Service.Root);
        var timeout = TimeSpan.FromSeconds(90);
        await using var contact = sipp.Start(
            "called-answers-hangs-up.xml", contactPort, timeout, "-m", "1", "-mp", Port(FreePorts.Media()),
            "-set", "talk", "2000");
        await using var browser = await Browser.LaunchAsync();
        var desk = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(desk, "1001", "demo");
        await desk.GotoAsync("/agent");
        await using var phone = await new AgentPhones(sipp, box.Service)
            .StartAsync("1001", "agent-answers.xml", timeout);

        await Assertions.Expect(desk.Locator("#preview")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(desk.Locator("#previewName")).ToHaveTextAsync("Grace Hopper");
        await Assertions.Expect(desk.Locator("#previewNumber")).ToHaveTextAsync(ContactNumber);
        await Assertions.Expect(desk.Locator("#previewAttempts")).ToHaveTextAsync("0");
        await Assertions.Expect(desk.Locator("#previewFields")).ToContainTextAsync("gold");
        await Browser.ScreenshotAsync(desk, "agent-campaign-preview");
        await desk.ClickAsync("#previewDial");
        var contactCall = await contact.WaitAsync();
        await Assertions.Expect(desk.Locator("#campaignWrapUp")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(desk.Locator("#campaignWrapNumber")).ToHaveTextAsync(ContactNumber);
        await Browser.ScreenshotAsync(desk, "agent-campaign-wrap-up");
        await desk.SelectOptionAsync("#campaignCode", "wrong-number");
        await desk.ClickAsync("#campaignWrapDone");
        await Assertions.Expect(desk.Locator("#campaignWrapUp")).ToBeHiddenAsync();
        using var database = ApplianceDatabase.Open(box.Service.DatabasePath, Serilog.Core.Logger.None);
        var row = database.CampaignAttempts("winter").Single();

        var why = "\nService:\n" + box.Service.Output;
        Assert.True(contactCall.ExitCode == 0, contactCall.Describe() + why);
        Assert.Equal("p1", row.ContactId);
        Assert.Equal("connected", row.Result);
        Assert.Equal("1001", row.Agent);
        Assert.Equal("wrong-number", row.Disposition);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
