using System.Globalization;
using Appliance.Media.Codecs;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A caller who chooses Chinese in the demo menu (9, the language offer) hears the Chinese prompts
/// from then on: the SIPp caller presses 9 during the welcome, then 1 (sales) in the menu offered
/// again in Chinese, and is told in Chinese that no agent is there. Each prompt is found in the
/// audio that arrived, sample for sample, so the Chinese file and the English one of the same name
/// cannot be taken for each other.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PromptLanguageTests
{
    private const string Chinese = "zh";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWhoChoosesChineseInTheDemoMenuHearsTheMenuAndTheApologyInChinese()
    {
        await using var service = await ApplianceProcess.StartAsync();

        var (caller, heard, cdr) = await CallChoosingChineseAsync(service, "e2e-chinese");

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        AssertHeard(heard, "menu", Chinese, times: 1);
        AssertHeard(heard, "menu", language: null, times: 0);
        AssertHeard(heard, "noagent", Chinese, times: 1);
        AssertHeard(heard, "noagent", language: null, times: 0);
        Assert.NotNull(cdr);
        Assert.Equal(("no-agent", "sales", "1"), (cdr.Disposition, cdr.Queue, cdr.IvrChoice));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task APromptTheChineseSetLacksIsHeardInEnglish()
    {
        using var prompts = new PromptCopy();
        File.Delete(Path.Combine(prompts.Path, Chinese, "noagent.wav"));
        await using var service = await ApplianceProcess.StartAsync(
            "--Prompts:Directory=" + Path.Combine(prompts.Path, "en"));

        var (caller, heard, _) = await CallChoosingChineseAsync(service, "e2e-chinese-fallback");

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        AssertHeard(heard, "menu", Chinese, times: 1);
        AssertHeard(heard, "noagent", language: null, times: 1);
    }

    /// <summary>Calls DID 100, presses 9 and then 1 (sales, where no agent is logged in), and
    /// returns the caller's result, the audio it received and the call's record.</summary>
    private static async Task<(SippResult Caller, short[] Heard, CdrSnapshot? Cdr)> CallChoosingChineseAsync(
        ApplianceProcess service,
        string callIdPrefix)
    {
        var sipp = new SippRunner(service.Root);
        var callerMediaPort = FreePorts.Media();
        await using var capture = await PacketCapture.StartAsync($"udp port {callerMediaPort}", service.Root);
        var callId = $"{callIdPrefix}-{Guid.NewGuid():N}";

        // The Chinese menu lasts 6 s; the caller keys 1 only after it, so it is heard whole.
        var caller = await sipp.Start(
            "caller-chooses-chinese.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(60),
            service.SipTarget,
            "-s", "100",
            "-set", "wait", "9000",
            "-cid_str", callId,
            "-mp", callerMediaPort.ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        return (caller, RtpAudio.ReceivedAt(datagrams, callerMediaPort), cdr);
    }

    private static void AssertHeard(short[] heard, string name, string? language, int times)
    {
        var prompt = language is null ? PromptAudio.Read(name) : PromptAudio.Read(name, language);
        var plays = PromptAudio.CountWholePlays(heard, prompt, AudioCodec.Pcmu);
        Assert.True(
            plays == times,
            $"'{name}' of the {language ?? "en"} set was heard whole {plays} times, not {times}: "
            + PromptAudio.DescribeBestMatch(heard, prompt, AudioCodec.Pcmu));
    }

    /// <summary>A copy of the service's prompt folders (en and zh) to change; deleted on dispose.</summary>
    private sealed class PromptCopy : IDisposable
    {
        public PromptCopy()
        {
            var source = System.IO.Path.GetDirectoryName(ApplianceProcess.PromptDirectory)!;
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"prompts-{Guid.NewGuid():N}");
            foreach (var file in Directory.EnumerateFiles(source, "*.wav", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
