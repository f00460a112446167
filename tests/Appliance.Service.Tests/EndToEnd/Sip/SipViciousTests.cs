using System.Diagnostics;
using System.Text.RegularExpressions;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// The SIPVicious scanners (Debian package sipvicious 0.3.3) against the running service: what an
/// attacker on the network learns from svmap, svwar and svcrack.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class SipViciousTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan s_scanTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan s_crackTimeout = TimeSpan.FromSeconds(20);

    private ApplianceProcess Service => fixture.Service;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SvmapFindsTheBoxButLearnsNoUserAgent()
    {
        var output = await RunAsync(s_scanTimeout, "svmap", "127.0.0.1", "-p", Port);

        Assert.Contains($"127.0.0.1:{Port}", output, StringComparison.Ordinal);
        var row = output.Split('\n').Single(l => l.Contains($"| 127.0.0.1:{Port}", StringComparison.Ordinal));
        Assert.Matches(@"\|\s*unknown\s*\|", row);
        Assert.DoesNotContain("SparkleCC", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SvwarCannotTellTheExtensionsFromNumbersThatDoNotExist()
    {
        var careful = await RunAsync(s_scanTimeout, "svwar", "-e1000-1010", "127.0.0.1", "-p", Port);
        var forced = await RunAsync(s_scanTimeout, "svwar", "--force", "-e1000-1010", "127.0.0.1", "-p", Port);
        var forcedInvite = await RunAsync(
            s_scanTimeout, "svwar", "--force", "-m", "INVITE", "-e1000-1010", "127.0.0.1", "-p", Port);

        // Without --force svwar notices that a number it made up is challenged like any other.
        Assert.Contains("authentication request for an unknown extension", careful, StringComparison.Ordinal);
        Assert.Contains("found nothing", careful, StringComparison.Ordinal);
        // With --force svwar 0.3.3 either gives up on the first 401 ("found nothing") or lists every
        // number it tried with one same answer; either way a real extension (1001-1003) never
        // stands out from a made-up one (1004-1010).
        var answers = Rows(forced);
        var known = new[] { "1001", "1002", "1003" }.Where(answers.ContainsKey).ToList();
        Assert.True(known.Count == 0 || answers.ContainsKey("1004"), forced);
        Assert.All(known, extension => Assert.Equal(answers["1004"], answers[extension]));
        Assert.True(answers.Count > 0 || forced.Contains("found nothing", StringComparison.Ordinal), forced);
        Assert.Contains("found nothing", forcedInvite, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SvcrackIsBannedBeforeItReachesThePasswordInItsDictionary()
    {
        var dictionary = Path.Combine(Service.Root, "svcrack-words.txt");
        var guesses = Enumerable.Range(1, 40).Select(i => $"guess{i}").Append("sparkle-1001");
        await File.WriteAllLinesAsync(dictionary, guesses);

        // Once banned the box stops answering, and svcrack waits for ever: the timeout ends it.
        var output = await RunAsync(
            s_crackTimeout, "svcrack", "-u1001", "-d", dictionary, "127.0.0.1", "-p", Port);

        Assert.DoesNotContain("sparkle-1001", output, StringComparison.Ordinal);
        Assert.True(
            await Service.WaitForOutputAsync("banned 1001 from 127.0.0.1", TimeSpan.FromSeconds(10)),
            Service.Output);
    }

    private string Port => Service.SipEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>svwar's result table: extension to its Authentication column.</summary>
    private static Dictionary<string, string> Rows(string output) =>
        ResultRow().Matches(output)
            .Where(m => m.Groups[1].Value != "Extension")
            .DistinctBy(m => m.Groups[1].Value)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^\|\s*(\S+)\s*\|\s*(\S+)\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex ResultRow();

    /// <summary>Runs a SIPVicious tool to its end, or kills it at the timeout; gives all it printed.</summary>
    private static async Task<string> RunAsync(TimeSpan limit, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = ExternalTool.Start(start, $"{tool} (package sipvicious)");
        var output = new ProcessOutput(process);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.WaitForExit();
        return output.Text;
    }
}
