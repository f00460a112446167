using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The floor's event stream as a browser opens it: Chromium talks HTTP/2 to the box, so its
/// WebSocket to <c>/api/events</c> is an extended CONNECT (RFC 8441), not an HTTP/1.1 GET.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EventStreamBrowserTests
{
    private const string OpenStreamAndWaitForAnEvent = """
        async () => {
          const csrf = (await (await fetch("/api/csrf")).json()).token;
          return await new Promise(resolve => {
            const ws = new WebSocket("wss://" + location.host + "/api/events");
            const timer = setTimeout(() => resolve("no event within 10 s"), 10000);
            ws.onerror = () => { clearTimeout(timer); resolve("error"); };
            ws.onmessage = m => { clearTimeout(timer); ws.close(); resolve("event " + m.data); };
            ws.onopen = () => fetch("/api/agents/1001/ready", {
              method: "POST",
              headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": csrf },
              body: JSON.stringify({ ready: false, reason: "break" })
            });
          });
        }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ChromiumOverHttp2ReceivesFloorEventsOnTheWebSocket()
    {
        await using var box = await WebBox.StartAsync("demo");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "supervisor", "demo");
        await page.GotoAsync("/wallboard");

        var protocol = await page.EvaluateAsync<string>(
            "() => performance.getEntriesByType('navigation')[0].nextHopProtocol");
        var outcome = await page.EvaluateAsync<string>(OpenStreamAndWaitForAnEvent);

        Assert.Equal("h2", protocol);
        Assert.StartsWith("event ", outcome, StringComparison.Ordinal);
        Assert.Contains("1001", outcome, StringComparison.Ordinal);
    }
}
