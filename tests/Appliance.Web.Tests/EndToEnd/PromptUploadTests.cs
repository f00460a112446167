using System.Buffers.Binary;
using System.Diagnostics;
using Appliance.Service.Tests.Support;
using Appliance.Web.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.EndToEnd;

/// <summary>
/// The prompts page in Chromium against the running demo box: a file that is no audio is refused
/// naming field <c>file</c>; a 44.1 kHz stereo WAV and an MP3 made by sox are stored in the IVR's
/// prompt folder as 8 kHz mono 16-bit WAV, listed, and played by the browser.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PromptUploadTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sparklecc-prompts-{Guid.NewGuid():N}");

    public PromptUploadTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var prompt in Directory.EnumerateFiles(ApplianceProcess.PromptDirectory, "*.wav"))
        {
            File.Copy(prompt, Path.Combine(_folder, Path.GetFileName(prompt)));
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACorruptFileIsRefusedNamingTheFieldAndWavAndMp3UploadsArePlayableAt8KilohertzMono()
    {
        var wav = Path.Combine(_folder, "source-tone.wav.in");
        var mp3 = Path.Combine(_folder, "source-tone.mp3.in");
        await SoxAsync("-n", "-r", "44100", "-c", "2", "-b", "16", "-t", "wav", wav, "synth", "1", "sine", "440");
        await SoxAsync("-n", "-r", "44100", "-c", "2", "-t", "mp3", mp3, "synth", "2", "sine", "660");
        await using var box = await WebBox.StartAsync("demo", $"--Prompts:Directory={_folder}");
        await using var browser = await Browser.LaunchAsync();
        var admin = await browser.NewPageAsync(box.Https);
        await Browser.LoginAsync(admin, "admin", "demo");
        await admin.GotoAsync("/prompts");
        await Assertions.Expect(admin.Locator("#prompts")).ToContainTextAsync("welcome");

        await admin.FillAsync("#promptName", "broken");
        await admin.SetInputFilesAsync("#promptFile", new FilePayload
        {
            Name = "broken.wav",
            MimeType = "audio/wav",
            Buffer = [.. "RIFF\u0010\0\0\0WAVEnot audio at all"u8],
        });
        await admin.ClickAsync("#prompt button[type=submit]");
        await Assertions.Expect(admin.Locator("#prompt .field-error[data-field=file]")).ToContainTextAsync("cannot be read");
        await Browser.ScreenshotAsync(admin, "prompts-refused");
        await admin.FillAsync("#promptName", "greeting-wav");
        await admin.SetInputFilesAsync("#promptFile", wav);
        await admin.ClickAsync("#prompt button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Prompt greeting-wav stored");
        await admin.FillAsync("#promptName", "greeting-mp3");
        await admin.SetInputFilesAsync("#promptFile", mp3);
        await admin.ClickAsync("#prompt button[type=submit]");
        await Assertions.Expect(admin.Locator("#applied")).ToContainTextAsync("Prompt greeting-mp3 stored");
        var mp3Row = admin.Locator("#prompts tr", new() { HasText = "greeting-mp3" });
        await Assertions.Expect(mp3Row).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(admin, "prompts");
        var played = await mp3Row.Locator("audio").EvaluateAsync<double>(
            "a => new Promise(done => { a.onloadedmetadata = () => done(a.duration); a.onerror = () => done(-1);"
            + " a.preload = 'auto'; a.load(); })");
        var header = await File.ReadAllBytesAsync(Path.Combine(_folder, "greeting-wav.wav"));

        Assert.False(File.Exists(Path.Combine(_folder, "broken.wav")), "The refused upload was stored.");
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(header.AsSpan(22)));
        Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(header.AsSpan(34)));
        Assert.InRange(played, 1.8, 2.3);
        Assert.Empty(Directory.EnumerateFiles(_folder, ".upload-*"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task SoxAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var sox = Process.Start(start)!;
        var errors = await sox.StandardError.ReadToEndAsync();
        await sox.WaitForExitAsync();
        Assert.True(sox.ExitCode == 0, "sox could not make the test file: " + errors);
    }
}
