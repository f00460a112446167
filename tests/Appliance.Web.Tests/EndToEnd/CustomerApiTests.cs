using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The admin's customer table over HTTPS: a customer saved through <c>/api/admin/customers</c> is
/// found by the IVR's lookup node when a SIPp caller rings from one of its numbers; bad fields are
/// refused by name and a removed customer is unknown again.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CustomerApiTests
{
    private const string LookupFlow = """
        { "name": "main", "version": 4, "start": "who",
          "nodes": [
            { "id": "who", "type": "lookup", "known": "vip", "unknown": "line" },
            { "id": "vip", "type": "queue", "queue": "sales", "priority": "${customer.vip}" },
            { "id": "line", "type": "queue", "queue": "support" } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACustomerSavedThroughTheApiIsFoundByTheLookupNodeAndBadFieldsAreRefusedByName()
    {
        var flows = Directory.CreateTempSubdirectory("flows-").FullName;
        await File.WriteAllTextAsync(Path.Combine(flows, "main.json"), LookupFlow);
        await using var box = await WebBox.StartAsync("demo", $"--Ivr:FlowDirectory={flows}");
        using var admin = box.Client();
        await WebBox.LoginAsync(admin, "admin", "demo");
        var callId = $"web-customer-{Guid.NewGuid():N}";

        using var saved = await PostAsync(admin, new
        {
            account = "A-100", name = "Ada Lovelace", numbers = new[] { "+44 (555) 0101", "5550101" },
            vipPriority = 20, language = "en",
        });
        using var taken = await PostAsync(admin, new { account = "B-200", name = "Bob", numbers = new[] { "5550101" } });
        using var badNumber = await PostAsync(admin, new { account = "C-300", name = "Carol", numbers = new[] { "call me" } });
        using var badPriority = await PostAsync(
            admin, new { account = "D-400", name = "Dan", numbers = new[] { "5550404" }, vipPriority = 5000 });
        using var latin1 = await ImportAsync(admin, [.. "number,name\r\n5550909,Jos"u8, 0xE9, .. "\r\n"u8]);
        var listed = await admin.GetStringAsync(new Uri("/api/admin/customers", UriKind.Relative));
        var sipp = new SippRunner(box.Service.Root);
        var caller = await sipp.Start(
            "caller-as.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            box.Service.SipTarget,
            "-s", "100",
            "-key", "caller", "+445550101",
            "-set", "press", "1000",
            "-set", "talk", "1000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        using var deleted = await SendAsync(admin, HttpMethod.Delete, "/api/admin/customers/A-100");
        using var deletedAgain = await SendAsync(admin, HttpMethod.Delete, "/api/admin/customers/A-100");
        using var gone = await admin.GetAsync(new Uri("/api/admin/customers/A-100", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains(
            "Invalid value for numbers: 5550101 belongs to customer A-100 already",
            await taken.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Contains("'call me' is not a telephone number", await badNumber.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPriority.StatusCode);
        Assert.Contains("Invalid value for vipPriority", await badPriority.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, latin1.StatusCode);
        Assert.Contains(
            "Invalid value for file: is not UTF-8 text", await latin1.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var list = JsonDocument.Parse(listed);
        var only = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("A-100", only.GetProperty("account").GetString());
        Assert.Equal(
            ["+445550101", "5550101"],
            only.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()!).ToArray());
        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + box.Service.Output);
        Assert.Contains(
            $"Call {callId}: caller +445550101 is customer A-100 (VIP priority 20)",
            box.Service.Output,
            StringComparison.Ordinal);
        Assert.Contains(
            $"Call {callId} left IVR flow main at node vip for queue sales (priority 20",
            box.Service.Output,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Directory.Delete(flows, recursive: true);
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "customers.csv" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/customers/import") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, object body) =>
        SendAsync(client, HttpMethod.Post, "/api/admin/customers", body);

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
