using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// Campaign control in the CTI API over real sockets: a supervisor reads a configured campaign
/// that has not started, starts it, is refused a second start with 409, pauses it and reads the
/// new state; an unknown campaign is 404, an agent may read but not command.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CampaignApiTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task SupervisorStartsAndPausesACampaignAndReadsItsState()
    {
        var contacts = Path.Combine(Directory.CreateTempSubdirectory("sparklecc-campaign-").FullName, "contacts.csv");
        await File.WriteAllLinesAsync(contacts, ["id,phone,timezone", "c1,+15550000001,UTC", "c2,+15550000002,UTC"]);
        const string Key = "--Dialer:Campaigns:0:";
        await using var box = await WebBox.StartAsync(
            "demo",
            Key + "Name=spring",
            Key + "CallerId=+15559990000",
            Key + "Agents=1001",
            Key + "Contacts=" + contacts,
            Key + "Trunk:Destination=127.0.0.1:9",
            Key + "Mode=predictive");
        using var supervisor = box.Client();
        await LoginAsync(supervisor, "supervisor", "demo");
        using var agent = box.Client();
        await LoginAsync(agent, "1001", "demo");

        var before = await ReadCampaignAsync(supervisor);
        using var started = await PostWithCsrfAsync(supervisor, "/api/campaigns/spring/start");
        using var again = await PostWithCsrfAsync(supervisor, "/api/campaigns/spring/start");
        using var paused = await PostWithCsrfAsync(supervisor, "/api/campaigns/spring/pause");
        var after = await ReadCampaignAsync(supervisor);
        using var unknown = await PostWithCsrfAsync(supervisor, "/api/campaigns/autumn/start");
        using var byAgent = await PostWithCsrfAsync(agent, "/api/campaigns/spring/resume");
        var readByAgent = await ReadCampaignAsync(agent);

        Assert.Equal("notstarted", before.GetProperty("state").GetString());
        Assert.Equal("predictive", before.GetProperty("mode").GetString());
        Assert.Equal(2, before.GetProperty("contactsTotal").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        Assert.Equal("paused", after.GetProperty("state").GetString());
        Assert.Equal(0, after.GetProperty("dials").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal("paused", readByAgent.GetProperty("state").GetString());
    }

    private static async Task<JsonElement> ReadCampaignAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("/api/campaigns", UriKind.Relative));
        using var document = JsonDocument.Parse(text);
        var campaigns = document.RootElement.EnumerateArray().ToList();
        Assert.True(campaigns.Count == 1, text);
        Assert.Equal("spring", campaigns[0].GetProperty("name").GetString());
        return campaigns[0].Clone();
    }

    private static async Task LoginAsync(HttpClient client, string name, string password)
    {
        using var response = await PostWithCsrfAsync(client, "/api/login", new { name, password });
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            string.Create(CultureInfo.InvariantCulture, $"Login of {name}: {response.StatusCode}"));
    }

    private static async Task<HttpResponseMessage> PostWithCsrfAsync(HttpClient client, string path, object? body = null)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
