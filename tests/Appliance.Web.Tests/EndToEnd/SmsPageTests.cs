using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.GsmSimulator;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// Text messages through a GSM module on the real service: the module is the pty simulator (AT
/// port) with a second pty pair as its PCM port. A message the network delivers is stored, posted
/// to the CRM webhook and shown on /sms in Chromium; a message sent from the page is refused by the
/// network twice, stays queued, and goes out on the third attempt. /api/trunks shows the module's
/// registration, signal and operator. In PDU mode a Chinese message in two UCS-2 parts is stored
/// whole, one whose middle part never comes is stored incomplete with the other two, and 200
/// Chinese characters leave in three parts that the network puts together.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SmsPageTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    // A customer's question (100 characters: two UCS-2 parts) and the call center's answer (200: three).
    private static readonly string s_question = string.Concat(Enumerable.Repeat(
        "您好，我上周在你们网站买的洗衣机到现在还没有送到，订单号是四二，请问什么时候能到？", 3))[..100];

    private static readonly string s_answer = string.Concat(Enumerable.Repeat(
        "您好，非常抱歉让您久等了。您的洗衣机已经从仓库发出，预计明天下午送到，送货前司机会先给您打电话。", 5))[..200];

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ReceivedSmsReachesPageAndWebhookAndAQueuedSmsIsRetriedUntilTheModuleTakesIt()
    {
        using var modem = PtyModem.Open();
        using var voice = PtyPair.Open();
        await using var crm = new WebhookReceiver(failures: 0);
        await using var box = await StartWithModuleAsync(modem, voice, $"--Web:Webhooks={crm.Url}");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(page, "supervisor", "demo");
        await page.GotoAsync("/sms");

        modem.DeliverSms("+8613800138000", "Please call me back about order 42");
        await Assertions.Expect(page.Locator("#messages"))
            .ToContainTextAsync("Please call me back about order 42", new() { Timeout = 30_000 });
        var hook = await NextSmsEventAsync(crm);
        modem.RefuseSms(2);
        await page.FillAsync("#smsNumber", "+8613900139000");
        await page.FillAsync("#smsText", "Your order 42 ships today");
        await page.ClickAsync("#send button[type=submit]");
        await Assertions.Expect(page.Locator("#queued")).ToContainTextAsync("queued");
        var state = page.Locator("#messages tr", new() { HasText = "ships today" }).Locator("td").Nth(4);
        await Assertions.Expect(state).ToHaveTextAsync("sent", new() { Timeout = 30_000 });
        await Browser.ScreenshotAsync(page, "sms");
        var rows = ReadSms(box.Service.DatabasePath);

        Assert.NotNull(hook);
        Assert.Equal("received", hook.RootElement.GetProperty("kind").GetString());
        Assert.Equal("+8613800138000", hook.RootElement.GetProperty("callerNumber").GetString());
        Assert.Equal("Please call me back about order 42", hook.RootElement.GetProperty("detail").GetString());
        Assert.Equal([("+8613900139000", "Your order 42 ships today")], modem.SentSms.ToArray());
        var received = Assert.Single(rows, r => r.Direction == "in");
        Assert.Equal("+8613800138000", received.Number);
        Assert.Equal("gsm-a", received.Module);
        var sent = Assert.Single(rows, r => r.Direction == "out");
        Assert.Equal("sent", sent.State);
        Assert.Equal(3, sent.Attempts);
        Assert.Equal(17, sent.Reference);
        Assert.Equal("supervisor", sent.QueuedBy);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TrunksShowTheModulesRegistrationSignalAndOperatorAndABadSmsIsRefusedByFieldOrFailedInWords()
    {
        using var modem = PtyModem.Open();
        using var voice = PtyPair.Open();
        await using var box = await StartWithModuleAsync(modem, voice, "--Pstn:Gsm:0:SmsMode=text");
        using var supervisor = box.Client();
        await LoginAsync(supervisor, "supervisor");

        var trunks = await WaitForModuleAsync(supervisor);
        var refused = await PostWithCsrfAsync(supervisor, "/api/sms", new { number = "call me", text = "hi" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var notText = await PostWithCsrfAsync(supervisor, "/api/sms", new { number = 8613900139000, text = "hi" });
        var notTextProblem = await notText.Content.ReadFromJsonAsync<JsonElement>();
        var tooLong = await PostWithCsrfAsync(
            supervisor, "/api/sms", new { number = "+8613900139000", text = new string('x', 200) });
        var rows = await WaitForSmsAsync(box.Service.DatabasePath, rows => rows.Any(r => r.State == "failed"));

        var port = trunks.RootElement.GetProperty("ports").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "gsm-a");
        Assert.Equal("gsm", port.GetProperty("kind").GetString());
        Assert.True(port.GetProperty("inService").GetBoolean());
        var module = port.GetProperty("module");
        Assert.Equal("home", module.GetProperty("registration").GetString());
        Assert.Equal(-73, module.GetProperty("signalDbm").GetInt32());
        Assert.Equal("CHINA MOBILE", module.GetProperty("operator").GetString());
        Assert.Equal("867698040123456", module.GetProperty("imei").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("number", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, notText.StatusCode);
        Assert.Equal(
            "is a JSON number, not text in quotes",
            notTextProblem.GetProperty("errors").GetProperty("number")[0].GetString());
        Assert.Equal(HttpStatusCode.Accepted, tooLong.StatusCode);
        var failed = Assert.Single(rows);
        Assert.Equal("failed", failed.State);
        Assert.Equal("In text mode a message is at most 160 characters of the GSM alphabet.", failed.LastError);
        Assert.Empty(modem.SentSms);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ChineseSmsAreStoredWholeOrMarkedIncompleteAndTwoHundredCharactersLeaveInPartsThatReassemble()
    {
        using var modem = PtyModem.Open();
        using var voice = PtyPair.Open();
        await using var box = await StartWithModuleAsync(
            modem, voice, "--Pstn:Gsm:0:SmsPartsTimeout=00:00:02");
        using var supervisor = box.Client();
        await LoginAsync(supervisor, "supervisor");
        (await WaitForModuleAsync(supervisor)).Dispose();

        modem.DeliverSms("+8613800138000", s_question);
        modem.DeliverSms("+8613700137000", s_answer, dropPart: 2);
        var queued = await PostWithCsrfAsync(
            supervisor, "/api/sms", new { number = "+8613900139000", text = s_answer });
        var rows = await WaitForSmsAsync(
            box.Service.DatabasePath,
            rows => rows.Count(r => r.Direction == "in") == 2
                && rows.Any(r => r is { Direction: "out", State: "sent" }));

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.True(modem.InPduMode);
        var received = Assert.Single(rows, r => r.Direction == "in" && r.Number == "+8613800138000");
        Assert.Equal("received", received.State);
        Assert.Equal(s_question, received.Text);
        var incomplete = Assert.Single(rows, r => r.Direction == "in" && r.Number == "+8613700137000");
        Assert.Equal("incomplete", incomplete.State);
        Assert.Equal(s_answer[..66] + s_answer[132..], incomplete.Text);
        Assert.Equal(s_answer, Assert.Single(rows, r => r.Direction == "out").Text);
        Assert.Equal([("+8613900139000", s_answer)], modem.SentSms.ToArray());
        Assert.Equal(3, modem.SentParts);
    }

    private static async Task<WebBox> StartWithModuleAsync(PtyModem modem, PtyPair voice, params string[] extra)
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-web-{Guid.NewGuid():N}.sock");
        var box = await WebBox.StartAsync(
            "demo",
            [
                $"--Pstn:Card=sim:{socket}?e1=0&fxo=0&gsm=0",
                "--Pstn:LineDid=100",
                "--Pstn:Gsm:0:Name=gsm-a",
                $"--Pstn:Gsm:0:Port={modem.DevicePath}",
                $"--Pstn:Gsm:0:VoicePort={voice.DevicePath}",
                $"--Pstn:Gsm:0:Pin={PtyModem.Pin}",
                "--Pstn:SmsRetry=00:00:01",
                .. extra,
            ]);
        Assert.True(
            await box.Service.WaitForOutputAsync("GSM module 867698040123456 started", s_timeout),
            "The module never started:\n" + box.Service.Output);
        return box;
    }

    /// <summary>The first webhook body of type sms; call and agent events come first or between.</summary>
    private static async Task<JsonDocument?> NextSmsEventAsync(WebhookReceiver crm)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            var body = await crm.NextAsync(deadline - DateTime.UtcNow);
            if (body is null)
            {
                return null;
            }

            var document = JsonDocument.Parse(body);
            if (document.RootElement.GetProperty("type").GetString() == "sms")
            {
                return document;
            }

            document.Dispose();
        }

        return null;
    }

    private static async Task<JsonDocument> WaitForModuleAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            var text = await client.GetStringAsync(new Uri("/api/trunks", UriKind.Relative));
            var trunks = JsonDocument.Parse(text);
            var ready = trunks.RootElement.GetProperty("ports").EnumerateArray().Any(p =>
                p.GetProperty("name").GetString() == "gsm-a" && p.GetProperty("inService").GetBoolean());
            if (ready)
            {
                return trunks;
            }

            trunks.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "The module never came into service: " + text);
            await Task.Delay(200);
        }
    }

    private static async Task<List<SmsRecord>> WaitForSmsAsync(string databasePath, Func<List<SmsRecord>, bool> done)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            var rows = ReadSms(databasePath);
            if (done(rows) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(200);
        }
    }

    private static List<SmsRecord> ReadSms(string databasePath)
    {
        using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
        return connection.Query<SmsRecord>("SELECT * FROM Sms ORDER BY Id");
    }

    private static async Task LoginAsync(HttpClient client, string name)
    {
        var response = await PostWithCsrfAsync(client, "/api/login", new { name, password = "demo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostWithCsrfAsync(HttpClient client, string path, object body)
    {
        var token = await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative));
        using var csrf = JsonDocument.Parse(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    /// <summary>A row of table Sms as the test reads it back.</summary>
    public sealed class SmsRecord
    {
        public string Direction { get; set; } = "";

        public string State { get; set; } = "";

        public string Module { get; set; } = "";

        public string Number { get; set; } = "";

        public string Text { get; set; } = "";

        public int Attempts { get; set; }

        public int? Reference { get; set; }

        public string QueuedBy { get; set; } = "";

        public string LastError { get; set; } = "";
    }
}
