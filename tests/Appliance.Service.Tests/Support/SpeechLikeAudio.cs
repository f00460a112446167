using Appliance.Media.Codecs;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Writes <c>speech-like.ulaw</c> beside the SIPp scenarios for agent-answers-speech.xml: one
/// second of 1000 Hz, by which the line's meter knows the agent is through, then twelve seconds
/// of seeded noise low-passed towards speech's spectrum under a 4 Hz syllable envelope with
/// pauses, about -20 dBFS. A pure tone would let an echo canceller learn a wrong answer; this
/// does not.
/// </summary>
public static class SpeechLikeAudio
{
    public const string FileName = "speech-like.ulaw";
    public const double ToneSeconds = 1.0;

    public static void EnsureWritten()
    {
        var path = Path.Combine(SippRunner.ScenarioDirectory, FileName);
        if (File.Exists(path))
        {
            return;
        }

        var codes = new byte[8000 * 13];
        var random = new Random(11);
        double low = 0, lower = 0;
        for (var n = 0; n < codes.Length; n++)
        {
            double seconds = n / 8000.0;
            double sample;
            if (seconds < ToneSeconds)
            {
                sample = 8000 * Math.Sin(2 * Math.PI * 1000 * seconds);
            }
            else
            {
                low = (0.6 * low) + (0.4 * ((random.NextDouble() * 2) - 1));
                lower = (0.7 * lower) + (0.3 * low);
                double syllable = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 4 * seconds));
                double pause = seconds % 1.5 < 1.15 ? 1.0 : 0.03;
                sample = lower * 30000 * syllable * syllable * pause;
            }

            codes[n] = G711.EncodeMuLaw((short)Math.Clamp(sample, short.MinValue, short.MaxValue));
        }

        var scratch = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(scratch, codes);
        File.Move(scratch, path, overwrite: true);
    }
}
