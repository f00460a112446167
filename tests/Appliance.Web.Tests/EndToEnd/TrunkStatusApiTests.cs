using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Drivers.Simulation;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// <c>/api/trunks</c> on the real service over the simulated card (an E1 span, an FXO line and a
/// GSM slot): the line's battery alarm raised by the far end shows on its port, a PRI call from
/// the exchange that the demo IVR answers shows as a connected B channel with its Call-ID, and
/// the channel leaves the list when the exchange clears. Agents may not read it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TrunkStatusApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TrunksShowThePortsAlarmsAndTheChannelOfACallUntilItIsCleared()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-web-{Guid.NewGuid():N}.sock");
        await using var box = await WebBox.StartAsync(
            "demo", $"--Pstn:Card=sim:{socket}?e1=1&fxo=1&gsm=1", "--Pstn:LineDid=100");
        using var supervisor = box.Client();
        await LoginAsync(supervisor, "supervisor");
        using var agent = box.Client();
        await LoginAsync(agent, "1001");
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await Command(exchange, "alarm 1 NOBATTERY");
        await WaitForTrunksAsync(supervisor, t => Port(t, "e1-0").GetProperty("inService").GetBoolean());

        await Command(exchange, "call 0 13800138000 100 channel=7");
        await exchange.WaitForEventAsync("connect port=0 channel=7", s_timeout, CancellationToken.None);
        // The exchange sees the connect before the gateway's status says so; wait for the status.
        using var during = await WaitForTrunksAsync(
            supervisor,
            t => Channels(t).Any(c => c.GetProperty("state").GetString() == "connected"));
        await Command(exchange, "hangup 0 7 16");
        using var after = await WaitForTrunksAsync(supervisor, t => Channels(t).Count == 0);
        var refused = await agent.GetAsync(new Uri("/api/trunks", UriKind.Relative));

        var e1 = Port(during, "e1-0");
        Assert.Equal("e1", e1.GetProperty("kind").GetString());
        Assert.Equal(30, e1.GetProperty("channels").GetInt32());
        Assert.Equal(1, e1.GetProperty("busyChannels").GetInt32());
        var fxo = Port(during, "fxo-0");
        Assert.False(fxo.GetProperty("inService").GetBoolean());
        Assert.Equal(["no-battery"], fxo.GetProperty("alarms").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("gsm", Port(during, "gsm-0").GetProperty("kind").GetString());
        var channel = Assert.Single(Channels(during));
        Assert.Equal("e1-0", channel.GetProperty("portName").GetString());
        Assert.Equal(7, channel.GetProperty("channel").GetInt32());
        Assert.Equal("connected", channel.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(channel.GetProperty("callId").GetString()));
        Assert.Equal(0, Port(after, "e1-0").GetProperty("busyChannels").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static JsonElement Port(JsonDocument trunks, string name) =>
        trunks.RootElement.GetProperty("ports").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);

    private static List<JsonElement> Channels(JsonDocument trunks) =>
        [.. trunks.RootElement.GetProperty("channels").EnumerateArray()];

    /// <summary>Reads /api/trunks until the condition holds; the last answer is returned.</summary>
    private static async Task<JsonDocument> WaitForTrunksAsync(
        HttpClient client,
        Func<JsonDocument, bool> condition)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            var text = await client.GetStringAsync(new Uri("/api/trunks", UriKind.Relative));
            var trunks = JsonDocument.Parse(text);
            if (condition(trunks))
            {
                return trunks;
            }

            trunks.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "The trunks never reached the state wanted: " + text);
            await Task.Delay(200);
        }
    }

    private static async Task<SimulatorReply> Command(SimulatedCardControl exchange, string command)
    {
        var reply = await exchange.CommandAsync(command, CancellationToken.None);
        Assert.True(reply.Ok, $"{command}: {reply.Text}");
        return reply;
    }

    private static async Task LoginAsync(HttpClient client, string name)
    {
        var token = await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative));
        using var csrf = JsonDocument.Parse(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login")
        {
            Content = JsonContent.Create(new { name, password = "demo" }),
        };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
