using System.ComponentModel;
using System.Diagnostics;

namespace Appliance.Web.Prompts;

/// <summary>
/// Turns an uploaded WAV or MP3 into what the IVR plays: 8 kHz, mono, 16-bit signed PCM WAV,
/// by running sox (MP3 needs Debian's libsox-fmt-mp3). The file's type comes from its first bytes,
/// not from its name, so a renamed file is read for what it is.
/// </summary>
internal sealed class PromptConverter
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly string _sox;

    public PromptConverter(string sox = "sox")
    {
        _sox = sox;
    }

    /// <returns>Null when <paramref name="target"/> now holds the converted prompt; otherwise a
    /// sentence saying why the upload cannot be played.</returns>
    public async Task<string?> ConvertAsync(string source, string target, CancellationToken cancel)
    {
        var type = await SniffAsync(source, cancel).ConfigureAwait(false);
        if (type is null)
        {
            return "is neither a WAV nor an MP3 file";
        }

        var start = new ProcessStartInfo(_sox)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-t", type, source, "-t", "wav", "-r", "8000", "-c", "1", "-b", "16",
            "-e", "signed-integer", target])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var sox = Process.Start(start)!;
            var errors = sox.StandardError.ReadToEndAsync(cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(s_timeout);
            try
            {
                await sox.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                sox.Kill(entireProcessTree: true);
                throw;
            }

            var message = (await errors.ConfigureAwait(false)).Trim();
            return sox.ExitCode == 0 ? null : $"cannot be read as {type.ToUpperInvariant()}: {LastLine(message)}";
        }
        catch (Win32Exception ex)
        {
            return $"cannot be converted: sox is not installed ({ex.Message})";
        }
    }

    private static async Task<string?> SniffAsync(string path, CancellationToken cancel)
    {
        var head = new byte[12];
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancel)
                .ConfigureAwait(false);
            if (read >= 12 && head.AsSpan(0, 4).SequenceEqual("RIFF"u8) && head.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            {
                return "wav";
            }

            // An ID3v2 tag, or an MPEG audio frame sync (11 bits set) at the start.
            if (read >= 3 && head.AsSpan(0, 3).SequenceEqual("ID3"u8))
            {
                return "mp3";
            }

            return read >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 ? "mp3" : null;
        }
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "sox failed" : lines[^1];
    }
}
