using Microsoft.Playwright;

namespace Appliance.Web.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: never a downloaded browser. Pages accept the
/// box's self-signed certificate; screenshots go to TestResults/screenshots beside the tests.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotDirectory { get; } =
        Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(
            File.Exists(ChromiumPath),
            $"{ChromiumPath} is missing: install the chromium package (tools/test-deps/web.apt).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh browser profile (its own cookies) with one page.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Logs in through the login page and waits for the page it lands on.</summary>
    public static async Task LoginAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, name + ".png"),
            FullPage = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
