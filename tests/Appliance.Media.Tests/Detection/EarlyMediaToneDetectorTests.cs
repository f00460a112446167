using Appliance.Media.Detection;

namespace Appliance.Media.Tests.Detection;

[Trait("Category", "Integration")]
public sealed class EarlyMediaToneDetectorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private short[] Cadenced(double on, double off, int repeats, params string[] tones)
    {
        var tone = GeneratedAudio.Synth(_folder, ["synth", $"{on:0.###}", .. tones, "vol", "0.3"]);
        var silence = new short[(int)(off * 8000)];
        return GeneratedAudio.Concat([.. Enumerable.Range(0, repeats).SelectMany(_ => new[] { tone, silence })]);
    }

    [Fact]
    public void NorthAmericanBusyToneIsBusy()
    {
        var audio = Cadenced(0.5, 0.5, 3, "sine", "480", "sine", "620");
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(audio);

        Assert.Equal(EarlyMediaTone.Busy, result);
        Assert.Equal("north-america", detector.BusyTone!.Name);
    }

    [Fact]
    public void EuropeanBusyToneIsBusy()
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Cadenced(0.5, 0.5, 3, "sine", "425"));

        Assert.Equal(EarlyMediaTone.Busy, result);
    }

    [Fact]
    public void RingBackIsNotBusy()
    {
        // North American ring-back: 440 + 480 Hz, 2 s on, 4 s off.
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Cadenced(2, 4, 2, "sine", "440", "sine", "480"));

        Assert.Equal(EarlyMediaTone.None, result);
    }

    [Fact]
    public void SpecialInformationToneBeforeAnInterceptIsHeard()
    {
        var sit = GeneratedAudio.Concat(
            GeneratedAudio.Synth(_folder, "synth", "0.274", "sine", "913.8", "vol", "0.3"),
            GeneratedAudio.Synth(_folder, "synth", "0.274", "sine", "1370.6", "vol", "0.3"),
            GeneratedAudio.Synth(_folder, "synth", "0.380", "sine", "1776.7", "vol", "0.3"),
            GeneratedAudio.Speech(_folder, "The number you have dialed is not in service.", 0.2));
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(sit);

        Assert.Equal(EarlyMediaTone.SpecialInformation, result);
    }

    [Fact]
    public void SpeechIsNeitherBusyNorSpecialInformation()
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(GeneratedAudio.Speech(_folder, "Please hold while we connect your call.", 1));

        Assert.Equal(EarlyMediaTone.None, result);
    }
}
