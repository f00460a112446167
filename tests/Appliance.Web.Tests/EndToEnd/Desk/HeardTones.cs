using System.Globalization;
using Appliance.Media.Tones;
using Appliance.Service.Tests.Support;

namespace Appliance.Web.Tests.EndToEnd.Desk;

/// <summary>
/// What a SIPp phone heard in a window of a packet capture, told by the tone each party plays
/// (Goertzel power per 250 ms window of the G.711 audio the box sent to that phone's port).
/// </summary>
internal static class HeardTones
{
    public const double CallerHz = 440;
    public const double AgentHz = 1000;
    public const double TargetHz = 1800;
    private const int WindowSamples = 2000;

    // The SIPp tones are at -6 dBFS (power 0.25); -30 dBFS counts as heard.
    private const double HeardPower = 0.001;

    public static short[] Heard(
        IEnumerable<CapturedDatagram> datagrams,
        int port,
        DateTimeOffset from,
        DateTimeOffset to) =>
        RtpAudio.ReceivedAt(datagrams.Where(d => d.Timestamp >= from && d.Timestamp < to), port);

    public static void AssertHeard(short[] audio, double frequencyHz, string who)
    {
        var powers = Powers(audio, frequencyHz);
        Assert.True(powers.Count(p => p >= HeardPower) >= 4, $"{who} did not hear {frequencyHz} Hz: {Describe(powers)}");
    }

    public static void AssertNotHeard(short[] audio, double frequencyHz, string who)
    {
        var powers = Powers(audio, frequencyHz);
        Assert.True(powers.Count >= 4, $"{who} received almost no audio");
        Assert.True(powers.All(p => p < HeardPower), $"{who} heard {frequencyHz} Hz: {Describe(powers)}");
    }

    public static double Rms(short[] audio) =>
        audio.Length == 0 ? 0 : Math.Sqrt(audio.Average(s => (s / 32768.0) * (s / 32768.0)));

    private static List<double> Powers(short[] audio, double frequencyHz)
    {
        var powers = new List<double>();
        for (var start = 0; start + WindowSamples <= audio.Length; start += WindowSamples)
        {
            powers.Add(Goertzel.Power(audio.AsSpan(start, WindowSamples), 8000, frequencyHz));
        }

        return powers;
    }

    private static string Describe(List<double> powers) =>
        string.Join(' ', powers.Select(p => (10 * Math.Log10(Math.Max(p, 1e-9))).ToString("0", CultureInfo.InvariantCulture)))
        + " dB per 250 ms window";
}
