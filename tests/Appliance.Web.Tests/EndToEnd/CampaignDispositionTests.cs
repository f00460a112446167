using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Storage;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// An agent's disposition over HTTPS on a real campaign call: SIPp answers as the contact, talks
/// and hangs up; the SIPp agent 1001 takes the call; during the long wrap-up the agent posts a
/// code and a call-back, which is stored on the attempt's row and keeps the contact open.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CampaignDispositionTests
{
    private const string ContactNumber = "+15550000001";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AgentGivesTheDispositionAndBooksACallBackDuringWrapUp()
    {
        var folder = Directory.CreateTempSubdirectory("sparklecc-disposition-").FullName;
        var contacts = Path.Combine(folder, "contacts.csv");
        await File.WriteAllLinesAsync(contacts, ["id,phone,timezone", $"c1,{ContactNumber},UTC"]);
        var contactPort = FreePorts.Sip();
        const string Key = "--Dialer:Campaigns:0:";
        await using var box = await WebBox.StartAsync(
            "demo",
            Key + "Name=autumn",
            Key + "CallerId=+15559990000",
            Key + "Agents=1001",
            Key + "Contacts=" + contacts,
            Key + "Trunk:Destination=127.0.0.1:" + Port(contactPort),
            Key + "Mode=progressive",
            Key + "CallingHours=00:00-23:59",
            Key + "WrapUpTime=00:02:00",
            Key + "AutoStart=true");
        var sipp = new SippRunner(box.Service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        await using var contact = sipp.Start(
            "called-answers-hangs-up.xml", contactPort, timeout, "-m", "1", "-mp", Port(FreePorts.Media()),
            "-set", "talk", "2000");
        await using var phone = await new AgentPhones(sipp, box.Service).StartAsync("1001", "agent-answers.xml", timeout);
        using var agent = box.Client();
        await LoginAsync(agent, "1001", "demo");
        using var other = box.Client();
        await LoginAsync(other, "1002", "demo");
        var callback = DateTimeOffset.UtcNow.AddHours(2);

        var contactCall = await contact.WaitAsync();
        var wrapping = await WaitForWrapUpAsync(agent, TimeSpan.FromSeconds(30));
        using var badCode = await PostWithCsrfAsync(agent, "/api/campaigns/autumn/calls/c1/disposition", new { code = "maybe" });
        using var notTheirs = await PostWithCsrfAsync(
            other, "/api/campaigns/autumn/calls/c1/disposition", new { code = "sale" });
        using var given = await PostWithCsrfAsync(
            agent, "/api/campaigns/autumn/calls/c1/disposition", new { code = "callback", callbackUtc = callback });
        using var again = await PostWithCsrfAsync(agent, "/api/campaigns/autumn/calls/c1/disposition", new { code = "sale" });
        var after = await ReadCampaignAsync(agent);
        using var database = ApplianceDatabase.Open(box.Service.DatabasePath, Serilog.Core.Logger.None);
        var row = database.CampaignAttempts("autumn").Single();

        var why = "\nService:\n" + box.Service.Output;
        Assert.True(contactCall.ExitCode == 0, contactCall.Describe() + why);
        Assert.True(wrapping, "the agent never wrapped up" + why);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notTheirs.StatusCode);
        Assert.True(given.StatusCode == HttpStatusCode.NoContent, await given.Content.ReadAsStringAsync() + why);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(0, after.GetProperty("agentsWrappingUp").GetInt32());
        Assert.Equal(1, after.GetProperty("contactsOpen").GetInt32());
        Assert.Equal("connected", row.Result);
        Assert.Equal("callback", row.Disposition);
        Assert.NotNull(row.CallbackUtc);
        var stored = DateTimeOffset.Parse(row.CallbackUtc, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((stored - callback).TotalSeconds) < 1, $"stored {row.CallbackUtc}, asked {callback:O}");
    }

    private static async Task<bool> WaitForWrapUpAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await ReadCampaignAsync(client)).GetProperty("agentsWrappingUp").GetInt32() == 1)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static async Task<JsonElement> ReadCampaignAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("/api/campaigns", UriKind.Relative));
        using var document = JsonDocument.Parse(text);
        return document.RootElement.EnumerateArray().Single().Clone();
    }

    private static async Task LoginAsync(HttpClient client, string name, string password)
    {
        using var response = await PostWithCsrfAsync(client, "/api/login", new { name, password });
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            string.Create(CultureInfo.InvariantCulture, $"Login of {name}: {response.StatusCode}"));
    }

    private static async Task<HttpResponseMessage> PostWithCsrfAsync(HttpClient client, string path, object body)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
