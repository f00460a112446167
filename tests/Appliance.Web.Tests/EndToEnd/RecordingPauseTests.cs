using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Service.Tests.Support;
using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// Pause and resume of a recording over HTTPS on a real call: a SIPp caller (440 Hz) reaches
/// SIPp agent 1001 (1000 Hz); agent 1001 pauses the recording, repeats the pause, another agent
/// is refused, and 1001 resumes. After the call the <c>Recording</c> row names the WAV file with
/// its size, checksum and paused seconds, the file holds a stretch of silence in both channels
/// between the two tones, and the audit log has both changes.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RecordingPauseTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheAgentPausesAndResumesTheRecordingAndTheFileKeepsItsTimeline()
    {
        await using var box = await WebBox.StartAsync("demo");
        var sipp = new SippRunner(box.Service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        await using var phone = await new AgentPhones(sipp, box.Service).StartAsync("1001", "agent-answers.xml", timeout);
        var callId = $"web-pause-{Guid.NewGuid():N}";
        await using var caller = sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            timeout,
            box.Service.SipTarget,
            "-s", "100",
            "-set", "talk", "9000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");
        using var agent = box.Client();
        await LoginAsync(agent, "1001");
        using var other = box.Client();
        await LoginAsync(other, "1002");
        using var admin = box.Client();
        await LoginAsync(admin, "admin");

        var answered = await WaitForAnsweredAsync(agent, callId, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var paused = await PostWithCsrfAsync(agent, $"/api/calls/{callId}/recording/pause");
        using var pausedAgain = await PostWithCsrfAsync(agent, $"/api/calls/{callId}/recording/pause");
        using var refused = await PostWithCsrfAsync(other, $"/api/calls/{callId}/recording/resume");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var resumed = await PostWithCsrfAsync(agent, $"/api/calls/{callId}/recording/resume");
        using var unknown = await PostWithCsrfAsync(admin, "/api/calls/no-such-call/recording/pause");
        var callerResult = await caller.WaitAsync();
        var row = await WaitForRecordingAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(15));
        var audit = await admin.GetStringAsync(new Uri("/api/admin/audit", UriKind.Relative));

        var why = "\nService:\n" + box.Service.Output;
        Assert.True(answered, "the call was never answered" + why);
        Assert.True(paused.StatusCode == HttpStatusCode.NoContent, await paused.Content.ReadAsStringAsync() + why);
        Assert.Equal(HttpStatusCode.NoContent, pausedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + why);
        Assert.NotNull(row);
        Assert.Equal("wav", row.Format);
        Assert.InRange(row.PausedSeconds, 2.0, 4.5);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(box.Service.DataDirectory, row.Path));
        Assert.Equal(bytes.Length, row.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), row.Sha256);
        Assert.Equal((bytes.Length - 44) / 32000.0, row.DurationSeconds, 3);
        var (silenceStart, silenceLength) = LongestSilence(bytes);
        Assert.InRange(silenceLength / 8000.0, row.PausedSeconds - 0.1, row.PausedSeconds + 0.1);
        Assert.True(silenceStart > 4000, $"the silence starts at sample {silenceStart}");
        Assert.True(Energy(bytes, silenceStart - 4000, 4000) > 0, "no audio before the pause");
        Assert.True(Energy(bytes, silenceStart + silenceLength, 4000) > 0, "no audio after the resume");
        Assert.Equal(1, Occurrences(audit, "recording.paused"));
        Assert.Equal(1, Occurrences(audit, "recording.resumed"));
    }

    /// <summary>The longest run of stereo samples that are zero in both channels.</summary>
    private static (int Start, int Length) LongestSilence(byte[] wav)
    {
        var samples = (wav.Length - 44) / 4;
        int bestStart = 0, best = 0, runStart = 0, run = 0;
        for (var i = 0; i < samples; i++)
        {
            var zero = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(44 + (4 * i))) == 0;
            if (!zero)
            {
                run = 0;
                continue;
            }

            if (run++ == 0)
            {
                runStart = i;
            }

            if (run > best)
            {
                (best, bestStart) = (run, runStart);
            }
        }

        return (bestStart, best);
    }

    /// <summary>The energy of the left (caller) channel over <paramref name="count"/> stereo samples.</summary>
    internal static long Energy(byte[] wav, int start, int count)
    {
        long sum = 0;
        for (var i = start; i < start + count && 44 + (4 * i) + 4 <= wav.Length; i++)
        {
            var left = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (4 * i)));
            sum += left * left;
        }

        return sum;
    }

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    internal static async Task<bool> WaitForAnsweredAsync(HttpClient client, string callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var calls = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/calls", UriKind.Relative)));
            if (calls.RootElement.EnumerateArray().Any(c =>
                c.GetProperty("callId").GetString() == callId && c.GetProperty("state").GetString() == "answered"))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    internal static async Task<RecordingRow?> WaitForRecordingAsync(string databasePath, string callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using (var database = ApplianceDatabase.Open(databasePath, Serilog.Core.Logger.None))
            {
                if (database.RecordingsOf(callId) is [var row])
                {
                    return row;
                }
            }

            await Task.Delay(250);
        }

        return null;
    }

    internal static async Task LoginAsync(HttpClient client, string name)
    {
        using var response = await PostWithCsrfAsync(client, "/api/login", new { name, password = "demo" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Login of {name}: {response.StatusCode}");
    }

    internal static async Task<HttpResponseMessage> PostWithCsrfAsync(HttpClient client, string path, object? body = null)
    {
        using var csrf = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/csrf", UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("X-CSRF-TOKEN", csrf.RootElement.GetProperty("token").GetString());
        return await client.SendAsync(request);
    }
}
