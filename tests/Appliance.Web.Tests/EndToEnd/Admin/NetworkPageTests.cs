using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd.Admin;

/// <summary>
/// The network page in Chromium against the demo box on the virtual board: it shows what the box
/// has, refuses a bad static address naming the field, writes a valid one into the same networkd
/// file the front panel writes (with the host name and the timesyncd drop-in beside it), and the
/// panel's Network &gt; Show current on the emulated LCD then shows what the page saved.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class NetworkPageTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AStaticAddressSavedOnThePageIsWrittenForNetworkdAndShownOnTheFrontPanel()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "admin", "demo");
        var folder = Path.Combine(box.Service.DataDirectory, "board", "network");
        var sip = Advertised().Match(box.Service.Output).Groups[1].Value;

        await page.GotoAsync("/network");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Network");
        await Assertions.Expect(page.Locator("#interface")).ToHaveTextAsync("eth0");
        await Assertions.Expect(page.Locator("#saved")).ToHaveTextAsync("DHCP");
        await Assertions.Expect(page.Locator("#sip")).ToHaveTextAsync(sip);
        await Assertions.Expect(page.Locator("#hostNameNow")).ToHaveTextAsync(Dns.GetHostName());
        await Assertions.Expect(page.Locator("#addresses")).ToContainTextAsync(FirstAddress());
        await Assertions.Expect(page.Locator("#virtual")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#mode", "static");
        await page.FillAsync("#address", "192.168.50.300");
        await page.FillAsync("#netmask", "255.255.0.255");
        await page.FillAsync("#gateway", "192.168.50.1");
        await page.FillAsync("#dns", "192.168.50.1 9.9.9.9");
        await page.FillAsync("#hostName", "front_desk");
        await page.FillAsync("#ntp", "pool.ntp.org 192.168.50.1");
        await page.ClickAsync("#network button[type=submit]");
        await Assertions.Expect(page.Locator("#network .field-error[data-field=address]"))
            .ToContainTextAsync("'192.168.50.300' has 300 in part 4");
        await Assertions.Expect(page.Locator("#network .field-error[data-field=netmask]"))
            .ToContainTextAsync("not contiguous");
        await Assertions.Expect(page.Locator("#network .field-error[data-field=hostName]"))
            .ToContainTextAsync("holds '_'");
        await Browser.ScreenshotAsync(page, "network-refused");
        await page.FillAsync("#address", "192.168.50.10");
        await page.FillAsync("#netmask", "24");
        await page.FillAsync("#hostName", "front-desk");
        await Assertions.Expect(page.Locator("#move"))
            .ToContainTextAsync($"https://192.168.50.10:{box.HttpsPort}/network");
        await Browser.ScreenshotAsync(page, "network");
        await page.ClickAsync("#network button[type=submit]");
        await Assertions.Expect(page.Locator("#applied")).ToContainTextAsync("Written, not applied");
        await Assertions.Expect(page.Locator("#saved"))
            .ToHaveTextAsync("static 192.168.50.10/24, gateway 192.168.50.1, DNS 192.168.50.1 9.9.9.9");
        var networkd = await File.ReadAllTextAsync(Path.Combine(folder, "10-sparklecc-panel.network"));
        var hostName = await File.ReadAllTextAsync(Path.Combine(folder, "hostname"));
        var ntp = await File.ReadAllTextAsync(Path.Combine(folder, "timesyncd.conf.d", "50-sparklecc.conf"));
        var audit = await (await page.APIRequest.GetAsync("/api/admin/audit")).TextAsync();
        using var supervisor = box.Client();
        await WebBox.LoginAsync(supervisor, "supervisor");
        using var refused = await supervisor.GetAsync(new Uri("/api/admin/network", UriKind.Relative));

        await page.GotoAsync("/panel");
        foreach (var button in new[] { "enter", "enter", "down", "down", "enter" })
        {
            await page.ClickAsync($"button[data-button={button}]");
        }

        await Assertions.Expect(page.Locator("#lcd")).ToContainTextAsync("192.168.50.10/24");
        var api = await page.APIRequest.GetAsync("/api/panel");
        using var json = JsonDocument.Parse(await api.TextAsync());
        var lines = json.RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => l.GetString()!.TrimEnd())
            .ToArray();

        Assert.Equal(
            "# Written by SparkleCC (front panel or web page); changes here are replaced.\n"
            + "[Match]\nName=eth0\n\n[Network]\nAddress=192.168.50.10/24\nGateway=192.168.50.1\n"
            + "DNS=192.168.50.1\nDNS=9.9.9.9\n",
            networkd);
        Assert.Equal("front-desk\n", hostName);
        Assert.EndsWith("[Time]\nNTP=pool.ntp.org 192.168.50.1\n", ntp, StringComparison.Ordinal);
        Assert.Contains("network.saved", audit, StringComparison.Ordinal);
        Assert.Contains("address - -> 192.168.50.10/24", audit, StringComparison.Ordinal);
        Assert.Contains("hostName", audit, StringComparison.Ordinal);
        Assert.Equal(["Network", "192.168.50.10/24", "gw 192.168.50.1", "dns 192.168.50.1"], lines);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>What the page should list first: this machine's first IPv4 address on an
    /// interface that is up, loopback left out, as <c>name address/prefix</c>.</summary>
    private static string FirstAddress()
    {
        var first = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up
                && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses
                .Where(u => u.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                .Select(u => $"{n.Name} {u.Address}/{u.PrefixLength}"))
            .FirstOrDefault();
        return first ?? "(none)";
    }

    [GeneratedRegex(@"SIP advertised as (\S+?),")]
    private static partial Regex Advertised();
}
