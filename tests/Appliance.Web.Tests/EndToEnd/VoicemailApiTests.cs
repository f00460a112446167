using System.Globalization;
using System.Net;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using SQLite;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The mailbox API over real sockets: a SIPp caller leaves a voicemail for 1002 through a flow;
/// agent 1002 lists it, downloads its audio (the very file the call wrote) and deletes it with
/// the CSRF token; agent 1001 may not read 1002's mailbox; the deletion is audited.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class VoicemailApiTests
{
    private const string VoicemailFlow = """
        { "name": "main", "version": 1, "start": "message",
          "nodes": [
            { "id": "message", "type": "voicemail", "mailbox": "1002", "prompts": ["voicemail"],
              "maxSeconds": 30 } ] }
        """;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheOwnerListsDownloadsAndDeletesAMessageAnotherAgentIsRefused()
    {
        var flows = Directory.CreateTempSubdirectory("sparklecc-voicemail-flows-").FullName;
        await File.WriteAllTextAsync(Path.Combine(flows, "main.json"), VoicemailFlow);
        await using var box = await WebBox.StartAsync("demo", $"--Ivr:FlowDirectory={flows}");
        var sipp = new SippRunner(box.Service.Root);
        var callId = $"e2e-voicemail-api-{Guid.NewGuid():N}";
        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(45),
            box.Service.SipTarget,
            "-s", "100",
            "-set", "talk", "9000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var written = await File.ReadAllBytesAsync(Path.Combine(box.Service.DataDirectory, MessageFile(box, callId)));
        using var owner = box.Client();
        await WebBox.LoginAsync(owner, "1002");
        using var other = box.Client();
        await WebBox.LoginAsync(other, "1001");
        using var admin = box.Client();
        await WebBox.LoginAsync(admin, "admin");

        using var listing = JsonDocument.Parse(await owner.GetStringAsync(new Uri("/api/voicemail/1002", UriKind.Relative)));
        var message = listing.RootElement.EnumerateArray().Single();
        var audio = await owner.GetByteArrayAsync(new Uri(message.GetProperty("audio").GetString()!, UriKind.Relative));
        using var refused = await other.GetAsync(new Uri("/api/voicemail/1002", UriKind.Relative));
        var id = message.GetProperty("id").GetInt32();
        using var deleted = await SendWithCsrfAsync(owner, HttpMethod.Delete, $"/api/voicemail/1002/{id}");
        using var after = JsonDocument.Parse(await owner.GetStringAsync(new Uri("/api/voicemail/1002", UriKind.Relative)));
        using var gone = await owner.GetAsync(new Uri($"/api/voicemail/1002/{id}/audio", UriKind.Relative));
        var audit = await admin.GetStringAsync(new Uri("/api/admin/audit", UriKind.Relative));
        Directory.Delete(flows, recursive: true);

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + box.Service.Output);
        Assert.Equal("5551234", message.GetProperty("callerNumber").GetString());
        Assert.False(message.GetProperty("heard").GetBoolean());
        Assert.True(message.GetProperty("seconds").GetInt32() >= 1);
        Assert.True(audio.Length > 44 + 8000, $"The downloaded message holds only {audio.Length} bytes.");
        Assert.Equal(written, audio);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(after.RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("voicemail.deleted", audit, StringComparison.Ordinal);
    }

    private static string MessageFile(WebBox box, string callId)
    {
        using var db = new SQLiteConnection(box.Service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        var file = db.ExecuteScalar<string>("SELECT File FROM Voicemail WHERE CallId = ?", callId);
        Assert.False(string.IsNullOrEmpty(file), "No Voicemail row for the call.");
        return file;
    }

    private static async Task<HttpResponseMessage> SendWithCsrfAsync(HttpClient client, HttpMethod method, string path)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
