using Appliance.Media.Audio;
using Appliance.Media.Codecs;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Finds the service's voice prompts in the audio a peer heard (from <see cref="RtpAudio"/>). The
/// service sends a prompt's samples through G.711 and nothing else, so a prompt heard whole is,
/// sample for sample, the prompt file after one G.711 round trip. It may start at any sample, not
/// only at a packet boundary: prompts queued back to back share the frame where one ends.
/// </summary>
public static class PromptAudio
{
    // Matching starts from the prompt's first loud sample: its leading silence would match any gap.
    private const int LoudSample = 2000;

    /// <summary>The samples of prompt <paramref name="name"/> from the service's prompt folder.</summary>
    public static short[] Read(string name) =>
        WavFile.ReadMono8k(Path.Combine(ApplianceProcess.PromptDirectory, name + ".wav"));

    /// <summary>The samples of prompt <paramref name="name"/> of a language's set (<c>zh</c>: the
    /// folder of that name beside the English one).</summary>
    public static short[] Read(string name, string language)
    {
        var sets = Path.GetDirectoryName(ApplianceProcess.PromptDirectory)!;
        return WavFile.ReadMono8k(Path.Combine(sets, language, name + ".wav"));
    }

    /// <summary>How many times the whole <paramref name="prompt"/> appears in <paramref name="heard"/>.</summary>
    /// <param name="heard">Decoded audio, 8 kHz.</param>
    /// <param name="prompt">The prompt's samples as the service read them.</param>
    /// <param name="codec">The codec of the call, to apply the same G.711 round trip.</param>
    public static int CountWholePlays(ReadOnlySpan<short> heard, short[] prompt, AudioCodec codec)
    {
        var (expected, anchor) = Expect(prompt, codec);
        var plays = 0;
        for (var start = 0; start + expected.Length <= heard.Length; start++)
        {
            if (heard[start + anchor] == expected[anchor]
                && heard.Slice(start, expected.Length).SequenceEqual(expected))
            {
                plays++;
                start += expected.Length - 1;
            }
        }

        return plays;
    }

    /// <summary>
    /// For assertion messages: where <paramref name="prompt"/> lines up best with what was heard
    /// (its first loud sample matching) and how many of its samples match there.
    /// </summary>
    public static string DescribeBestMatch(ReadOnlySpan<short> heard, short[] prompt, AudioCodec codec)
    {
        var (expected, anchor) = Expect(prompt, codec);
        var (bestStart, bestMatched) = (-1, 0);
        for (var start = 0; start + anchor < heard.Length; start++)
        {
            if (heard[start + anchor] != expected[anchor])
            {
                continue;
            }

            var matched = 0;
            for (var i = 0; i < expected.Length && start + i < heard.Length; i++)
            {
                matched += heard[start + i] == expected[i] ? 1 : 0;
            }

            (bestStart, bestMatched) = matched > bestMatched ? (start, matched) : (bestStart, bestMatched);
        }

        return $"best match {bestMatched} of {expected.Length} samples at sample {bestStart} of {heard.Length}";
    }

    private static (short[] Expected, int Anchor) Expect(short[] prompt, AudioCodec codec)
    {
        var codes = new byte[prompt.Length];
        var expected = new short[prompt.Length];
        G711.Encode(codec, prompt, codes);
        G711.Decode(codec, codes, expected);
        var anchor = Array.FindIndex(expected, sample => Math.Abs((int)sample) >= LoudSample);
        return anchor >= 0
            ? (expected, anchor)
            : throw new ArgumentException("The prompt has no loud sample to anchor a match on.", nameof(prompt));
    }
}
