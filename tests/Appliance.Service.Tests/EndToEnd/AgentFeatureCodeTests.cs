using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;
using Appliance.Storage.Rows;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Agents change their ACD state from the desk phone: a SIPp phone registered as demo extension
/// 1001 dials *70, *71 with a reason, or *72 to the box, answers the digest challenge, hears the
/// confirmation prompt, and the choice is in the database and outlives a restart of the service.
/// Credentials that are not the agent's own change nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AgentFeatureCodeTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task NotReadyWithAReasonIsConfirmedStoredAndEndedByReady()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var phone = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));

        var notReady = await DialAsync(sipp, service, "*712");
        var afterNotReady = ReadStatus(service.DatabasePath, "1001");
        var unknownReason = await DialAsync(sipp, service, "*719");
        var ready = await DialAsync(sipp, service, "*70");
        var afterReady = ReadStatus(service.DatabasePath, "1001");
        var changes = ReadChanges(service.DatabasePath, "1001");

        AssertHeard(notReady, "agent-not-ready", service);
        AssertHeard(unknownReason, "feature-refused", service);
        AssertHeard(ready, "agent-ready", service);
        Assert.NotNull(afterNotReady);
        Assert.False(afterNotReady.Ready);
        Assert.Equal(2, afterNotReady.ReasonCode);
        Assert.Equal("lunch", afterNotReady.ReasonName);
        Assert.NotNull(afterReady);
        Assert.True(afterReady.Ready);
        Assert.Contains(changes, c => c is { Previous: "Idle", Current: "NotReady", Reason: "lunch" });
        Assert.Contains(changes, c => c is { Previous: "NotReady", Current: "Idle" });
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnAgentLoggedOutByFeatureCodeStaysOutAfterARestartSoCallersHearTheApology()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var phone = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(90));

        var logout = await DialAsync(sipp, service, "*72");
        var stopped = await service.StopGracefullyAsync(TimeSpan.FromSeconds(15));
        await using var restarted = await service.StartAgainAsync();
        var callId = $"e2e-logged-out-{Guid.NewGuid():N}";
        var caller = await sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(40),
            restarted.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var cdr = await CdrReader.WaitForAsync(restarted.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var status = ReadStatus(restarted.DatabasePath, "1001");

        AssertHeard(logout, "agent-logged-out", service);
        Assert.Equal(0, stopped);
        Assert.Contains("Restored 1 saved registrations", restarted.Output, StringComparison.Ordinal);
        Assert.True(caller.ExitCode == 0, $"The caller was not hung up on.\n{caller.Describe()}\n{restarted.Output}");
        Assert.NotNull(cdr);
        Assert.Equal("no-agent", cdr.Disposition);
        Assert.Null(cdr.Agent);
        Assert.NotNull(status);
        Assert.Equal("sales,support", status.LoggedOutQueues);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AFeatureCodeWithAWrongPasswordOrAnotherAgentsCredentialsChangesNothing()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        await using var phone = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(60));

        var wrongPassword = await DialRefusedAsync(sipp, service, "1001", "not-the-password");
        var otherAgent = await DialRefusedAsync(sipp, service, "1002", "sparkle-1002");
        var status = ReadStatus(service.DatabasePath, "1001");
        var changes = ReadChanges(service.DatabasePath, "1001");

        Assert.True(wrongPassword.ExitCode == 0, $"A wrong password was not refused.\n{wrongPassword.Describe()}");
        Assert.True(otherAgent.ExitCode == 0, $"1002's credentials were not refused.\n{otherAgent.Describe()}");
        Assert.Contains("wrong credentials for 1001", service.Output, StringComparison.Ordinal);
        Assert.Contains("authenticated as 1002", service.Output, StringComparison.Ordinal);
        Assert.True(status is null || (status.Ready && string.IsNullOrEmpty(status.LoggedOutQueues)));
        Assert.DoesNotContain(changes, c => c.Current == "NotReady");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ALanguageSetOnTheAdminApiIsHeardOnTheExtensionsNextCallWithoutARestart()
    {
        await using var service = await ApplianceProcess.StartAsync(WebApiClient.Arguments(out var https));
        using var admin = await WebApiClient.LoginAsync(service, https);
        var sipp = new SippRunner(service.Root);

        var before = await DialAsync(sipp, service, "*70");
        using var refused = await admin.SendAsync(HttpMethod.Post, "/api/admin/extensions", new
        {
            number = "1001", password = "sparkle-1001", language = "fr",
        });
        using var refusal = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        using var saved = await admin.SendAsync(HttpMethod.Post, "/api/admin/extensions", new
        {
            number = "1001", password = "sparkle-1001", language = "zh",
        });
        var after = await DialAsync(sipp, service, "*70");
        using var extensions = await admin.GetJsonAsync("/api/admin/extensions");
        using var audit = await admin.GetJsonAsync("/api/admin/audit");

        AssertHeard(before, "agent-ready", service);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var error = refusal.RootElement.GetProperty("errors").GetProperty("language")[0].GetString();
        Assert.Contains("'fr' is not a prompt set of this box (en, zh)", error, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        AssertHeard(after, "agent-ready", service, "zh");
        Assert.Equal(0, PromptAudio.CountWholePlays(after.Audio, PromptAudio.Read("agent-ready"), AudioCodec.Pcmu));
        var listed = extensions.RootElement.EnumerateArray().Single(e => e.GetProperty("number").GetString() == "1001");
        Assert.Equal("zh", listed.GetProperty("language").GetString());
        Assert.Contains("extension 1001 (), prompts zh", audit.RootElement.GetRawText(), StringComparison.Ordinal);
        using var db = new SQLiteConnection(service.DatabasePath, SQLiteOpenFlags.ReadOnly);
        Assert.Equal("zh", db.ExecuteScalar<string>("SELECT Language FROM Extension WHERE Number = '1001'"));
    }

    /// <summary>Dials *71 as 1001 with the given credentials, expecting the box to refuse them.</summary>
    private static Task<SippResult> DialRefusedAsync(
        SippRunner sipp, ApplianceProcess service, string user, string password) =>
        sipp.Start(
            "agent-feature-code-refused.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "*71",
            "-key", "agent", "1001",
            "-au", user,
            "-ap", password,
            "-auth_uri", $"*71@{service.SipTarget}",
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();

    /// <summary>Dials a feature code as 1001 with its password and returns the audio the phone heard.</summary>
    private static async Task<Heard> DialAsync(SippRunner sipp, ApplianceProcess service, string code)
    {
        var mediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {mediaPort}", service.Root);
        var result = await sipp.Start(
            "agent-feature-code.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", code,
            "-key", "agent", "1001",
            "-au", "1001",
            "-ap", "sparkle-1001",
            "-auth_uri", $"{code}@{service.SipTarget}",
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var datagrams = await capture.StopAsync();
        return new Heard(code, result, RtpAudio.ReceivedAt(datagrams, mediaPort));
    }

    private static void AssertHeard(Heard heard, string prompt, ApplianceProcess service, string? language = null)
    {
        Assert.True(heard.Call.ExitCode == 0, $"{heard.Code} did not end with the box's BYE.\n"
            + $"{heard.Call.Describe()}\nService:\n{service.Output}");
        var expected = language is null ? PromptAudio.Read(prompt) : PromptAudio.Read(prompt, language);
        Assert.True(
            PromptAudio.CountWholePlays(heard.Audio, expected, AudioCodec.Pcmu) == 1,
            $"{heard.Code}: the phone did not hear {prompt} ({language ?? "en"}) once, whole: "
            + PromptAudio.DescribeBestMatch(heard.Audio, expected, AudioCodec.Pcmu));
    }

    private static AgentStatusRow? ReadStatus(string databasePath, string agentId)
    {
        using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
        return connection.Find<AgentStatusRow>(agentId);
    }

    private static List<AgentStateEventRow> ReadChanges(string databasePath, string agentId)
    {
        using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
        return connection.Table<AgentStateEventRow>().Where(r => r.AgentId == agentId).OrderBy(r => r.Id).ToList();
    }

    private sealed record Heard(string Code, SippResult Call, short[] Audio);
}
