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
    public void TheE180SpecialInformationToneOfTheOtherPlansIsHeard()
    {
        var sit = GeneratedAudio.Concat(
            GeneratedAudio.Synth(_folder, "synth", "0.330", "sine", "950", "vol", "0.3"),
            GeneratedAudio.Synth(_folder, "synth", "0.330", "sine", "1400", "vol", "0.3"),
            GeneratedAudio.Synth(_folder, "synth", "0.330", "sine", "1800", "vol", "0.3"),
            GeneratedAudio.Speech(_folder, "The number you have called is not available.", 0.2));
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(sit);

        Assert.Equal(EarlyMediaTone.SpecialInformation, result);
    }

    [Fact]
    public void TheSpecialInformationFrequenciesInTheWrongOrderAreNothing()
    {
        var backwards = GeneratedAudio.Concat(
            GeneratedAudio.Synth(_folder, "synth", "0.330", "sine", "1800", "vol", "0.3"),
            GeneratedAudio.Synth(_folder, "synth", "0.330", "sine", "1400", "vol", "0.3"),
            GeneratedAudio.Synth(_folder, "synth", "0.330", "sine", "950", "vol", "0.3"),
            new short[8000]);
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(backwards);

        Assert.Equal(EarlyMediaTone.None, result);
    }

    [Fact]
    public void EuropeanCongestionIsCongestionNotBusy()
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Cadenced(0.25, 0.25, 6, "sine", "425"));

        Assert.Equal(EarlyMediaTone.Congestion, result);
        Assert.Equal("EU Congestion", detector.ToneName);
    }

    [Fact]
    public void UnitedKingdomCongestionNeedsItsFourStepCadence()
    {
        var cycle = GeneratedAudio.Concat(
            Cadenced(0.4, 0.35, 1, "sine", "400"),
            Cadenced(0.225, 0.525, 1, "sine", "400"));
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(GeneratedAudio.Concat(cycle, cycle, cycle));

        Assert.Equal(EarlyMediaTone.Congestion, result);
        Assert.Equal("UK Congestion", detector.CongestionTone!.Name);
    }

    [Theory]
    [InlineData(0.1, 0.1)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.25, 0.75)]
    [InlineData(3.0, 0.0)]
    public void A425HertzToneInAnotherCadenceIsNeitherBusyNorCongestion(double on, double off)
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Cadenced(on, off, (int)Math.Ceiling(4 / (on + off)), "sine", "425"));

        Assert.Equal(EarlyMediaTone.None, result);
    }

    [Fact]
    public void CongestionIsNotHeardWhenNoCongestionToneIsListenedFor()
    {
        var detector = new EarlyMediaToneDetector(congestionTones: []);

        var result = detector.Feed(Cadenced(0.25, 0.25, 8, "sine", "480", "sine", "620"));

        Assert.Equal(EarlyMediaTone.None, result);
    }

    [Fact]
    public void SpeechIsNeitherBusyNorCongestionNorSpecialInformation()
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(GeneratedAudio.Speech(_folder, "Please hold while we connect your call.", 1));

        Assert.Equal(EarlyMediaTone.None, result);
    }
}
