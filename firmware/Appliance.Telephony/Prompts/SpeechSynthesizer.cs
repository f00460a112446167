using System.Collections.Concurrent;
using System.Diagnostics;
using Appliance.Media.Audio;
using Serilog;

namespace Appliance.Telephony.Prompts;

/// <summary>
/// Speaks a text into 8 kHz prompt samples at run time, for prompts that hold a caller's data
/// (a customer's name): espeak-ng makes the speech and sox turns it into the telephone band and
/// rate with the same settings tools/prompts/generate.sh gives the recorded prompts, so both sound
/// alike. The last texts spoken are kept, so a returning caller is greeted without waiting.
/// Thread-safe.
/// </summary>
public sealed class SpeechSynthesizer
{
    // Enough for the greetings of the callers of a busy hour; the oldest go when it is full.
    private const int CacheSize = 256;

    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Voice, string Text), short[]> _cache = new();
    private readonly ConcurrentQueue<(string Voice, string Text)> _order = new();
    private readonly string _espeak;
    private readonly string _sox;
    private readonly ILogger _log;

    /// <param name="log">Where a failed synthesis is reported.</param>
    /// <param name="espeak">The espeak-ng program (a name on the PATH or a path).</param>
    /// <param name="sox">The sox program.</param>
    public SpeechSynthesizer(ILogger log, string espeak = "espeak-ng", string sox = "sox")
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log.ForContext<SpeechSynthesizer>();
        _espeak = espeak;
        _sox = sox;
    }

    /// <summary>The espeak-ng voice of a prompt language: <c>cmn</c> (Mandarin) for <c>zh</c>,
    /// American English otherwise.</summary>
    public static string VoiceOf(string? language) =>
        string.Equals(language, "zh", StringComparison.OrdinalIgnoreCase) ? "cmn" : "en-us";

    /// <summary>
    /// The samples of <paramref name="text"/> spoken in <paramref name="language"/>, or an empty
    /// array when the tools fail or take longer than 10 s (logged at Warning; the caller then
    /// hears the rest of the prompts without it).
    /// </summary>
    public async Task<short[]> SpeakAsync(string text, string? language, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = (VoiceOf(language), text.Trim());
        if (key.Item2.Length == 0)
        {
            return [];
        }

        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var work = Directory.CreateTempSubdirectory("sparklecc-speech-").FullName;
        try
        {
            var raw = Path.Combine(work, "speech-22k.wav");
            var prompt = Path.Combine(work, "speech.wav");
            // The text goes through standard input, never the command line, so nothing in a
            // customer's name is read as an option.
            await RunAsync(
                _espeak,
                ["-v", key.Item1, "-s", "150", "-p", "45", "-a", "120", "--stdin", "-w", raw],
                key.Item2,
                cancel).ConfigureAwait(false);
            await RunAsync(
                _sox,
                ["-R", "-D", raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", prompt,
                    "gain", "-6", "highpass", "300", "lowpass", "3400", "rate", "-v", "8000", "norm", "-3",
                    "pad", "0.15", "0.3"],
                null,
                cancel).ConfigureAwait(false);
            var samples = WavFile.ReadMono8k(prompt);
            Remember(key, samples);
            return samples;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException
            or System.ComponentModel.Win32Exception or TimeoutException)
        {
            _log.Warning(
                "Speech synthesis with voice {Voice} failed, the prompt is left out: {Reason}",
                key.Item1,
                ex.Message);
            return [];
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private void Remember((string Voice, string Text) key, short[] samples)
    {
        if (_cache.TryAdd(key, samples))
        {
            _order.Enqueue(key);
        }

        while (_cache.Count > CacheSize && _order.TryDequeue(out var oldest))
        {
            _cache.TryRemove(oldest, out _);
        }
    }

    /// <exception cref="InvalidOperationException">The tool exited with an error.</exception>
    /// <exception cref="TimeoutException">The tool took longer than 10 s.</exception>
    private static async Task RunAsync(
        string program, IReadOnlyList<string> arguments, string? input, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancel);
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancel).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(s_toolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} took longer than {s_toolTimeout.TotalSeconds} s.");
        }

        await output.ConfigureAwait(false);
        var message = await errors.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} exited with {process.ExitCode}: {message.Trim()}");
        }
    }
}
