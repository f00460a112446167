using System.Diagnostics;
using Appliance.Media.Audio;

namespace Appliance.Media.Tests.Detection;

/// <summary>
/// Telephone audio made for a test by espeak-ng and sox (tools/test-deps/dialer.apt): 8 kHz
/// 16-bit mono, band-limited to 300-3400 Hz like the prompts of tools/prompts/generate.sh.
/// </summary>
internal static class GeneratedAudio
{
    /// <summary>Speech of <paramref name="text"/>, then <paramref name="silenceAfter"/> seconds of silence.</summary>
    public static short[] Speech(TempFolder folder, string text, double silenceAfter)
    {
        var raw = folder.File($"speech-{Guid.NewGuid():N}.wav");
        var wav = folder.File($"speech-{Guid.NewGuid():N}-8k.wav");
        Run("espeak-ng", "-v", "en-us", "-s", "160", "-w", raw, text);
        Run("sox", "-R", "-D", raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", wav,
            "highpass", "300", "lowpass", "3400", "rate", "-v", "8000", "norm", "-6", "pad", "0.3",
            silenceAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return WavFile.ReadMono8k(wav);
    }

    /// <summary>Whatever sox synthesises from <paramref name="effects"/> (e.g. "synth 0.5 sine 1000").</summary>
    public static short[] Synth(TempFolder folder, params string[] effects)
    {
        var wav = folder.File($"synth-{Guid.NewGuid():N}.wav");
        Run(["sox", "-R", "-D", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", wav, .. effects]);
        return WavFile.ReadMono8k(wav);
    }

    public static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    private static void Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command[0]} failed: {error}");
    }
}
