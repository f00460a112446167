using Appliance.Media.Detection;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Tones;

public sealed class CallProgressTonesTests
{
    [Theory]
    [InlineData("CN", 450)]
    [InlineData("EU", 425)]
    [InlineData("UK", 400)]
    public void BusyIsTheCountrysFrequencyOnAndOffInItsCadence(string country, double hz)
    {
        var cadence = CallProgressTones.Cadence(country, CallProgressTone.Busy);
        var audio = Play(country, CallProgressTone.Busy, seconds: 2);
        var onSamples = (int)(cadence[0].Duration.TotalSeconds * 8000);

        var on = audio.AsSpan(0, onSamples);
        var off = audio.AsSpan(onSamples + 8, (int)(cadence[1].Duration.TotalSeconds * 8000) - 16);

        Assert.Equal(hz, Goertzel.DominantFrequency(on, 8000, 300, 1000, 5));
        Assert.InRange(Goertzel.Power(on, 8000, hz), 0.015, 0.04);
        Assert.All(off.ToArray(), s => Assert.Equal(0, s));
    }

    [Fact]
    public void UnitedStatesRingBackIsFourFortyAndFourEightyForTwoSecondsThenFourOfSilence()
    {
        var audio = Play("US", CallProgressTone.RingBack, seconds: 7);

        var ringing = audio.AsSpan(0, 16000);
        var silent = audio.AsSpan(16000, 32000);
        var again = audio.AsSpan(48000, 8000);

        Assert.True(Goertzel.Power(ringing, 8000, 440) > 0.015);
        Assert.True(Goertzel.Power(ringing, 8000, 480) > 0.015);
        Assert.All(silent.ToArray(), s => Assert.Equal(0, s));
        Assert.True(Goertzel.Power(again, 8000, 440) > 0.015);
    }

    [Theory]
    [InlineData("US", EarlyMediaTone.Busy)]
    [InlineData("EU", EarlyMediaTone.Busy)]
    [InlineData("UK", EarlyMediaTone.Busy)]
    [InlineData("CN", EarlyMediaTone.Busy)]
    public void TheBusyDetectorRecognisesTheGeneratedBusyTones(string country, EarlyMediaTone expected)
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Play(country, CallProgressTone.Busy, seconds: 4));

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("EU")]
    [InlineData("UK")]
    [InlineData("CN")]
    public void TheDetectorRecognisesEachPlansGeneratedCongestionToneAsCongestion(string country)
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Play(country, CallProgressTone.Congestion, seconds: 5));

        Assert.Equal(EarlyMediaTone.Congestion, result);
        Assert.Equal($"{country} Congestion", detector.CongestionTone!.Name);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("EU")]
    [InlineData("UK")]
    [InlineData("CN")]
    public void EachPlansBusyToneIsNotTakenForCongestionNorItsCongestionForBusy(string country)
    {
        var busyOnly = new EarlyMediaToneDetector(congestionTones: []);
        var congestionOnly = new EarlyMediaToneDetector(busyTones: []);

        var congestion = busyOnly.Feed(Play(country, CallProgressTone.Congestion, seconds: 6));
        var busy = congestionOnly.Feed(Play(country, CallProgressTone.Busy, seconds: 6));

        Assert.Equal(EarlyMediaTone.None, congestion);
        Assert.Equal(EarlyMediaTone.None, busy);
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("UK")]
    [InlineData("CN")]
    public void TheDetectorRecognisesTheGeneratedE180SpecialInformationTone(string country)
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Play(country, CallProgressTone.SpecialInformation, seconds: 3));

        Assert.Equal(EarlyMediaTone.SpecialInformation, result);
        Assert.Equal("special information", detector.ToneName);
    }

    [Fact]
    public void TheDetectorRecognisesTheGeneratedUnitedStatesSpecialInformationTone()
    {
        var detector = new EarlyMediaToneDetector();

        var result = detector.Feed(Play("US", CallProgressTone.SpecialInformation, seconds: 3));

        Assert.Equal(EarlyMediaTone.SpecialInformation, result);
    }

    [Fact]
    public void AnUnknownCountryIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => CallProgressTones.Open("XX", CallProgressTone.Busy));

        Assert.Contains("CN, US, UK, EU", error.Message, StringComparison.Ordinal);
    }

    private static short[] Play(string country, CallProgressTone tone, int seconds)
    {
        var source = CallProgressTones.Open(country, tone);
        var audio = new short[seconds * 8000];
        for (var i = 0; i < audio.Length; i += 160)
        {
            source.ReadFrame(audio.AsSpan(i, 160));
        }

        return audio;
    }
}
