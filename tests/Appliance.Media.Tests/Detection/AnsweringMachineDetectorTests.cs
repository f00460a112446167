using Appliance.Media.Detection;

namespace Appliance.Media.Tests.Detection;

[Trait("Category", "Integration")]
public sealed class AnsweringMachineDetectorTests : IDisposable
{
    private const string Voicemail =
        "Hi, you have reached the voicemail of John Smith. I cannot take your call right now, "
        + "please leave your name and number after the tone and I will call you back.";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AShortHelloThenSilenceIsAPerson()
    {
        var audio = GeneratedAudio.Speech(_folder, "Hello?", silenceAfter: 2);
        var detector = new AnsweringMachineDetector();

        var result = detector.Feed(audio);

        Assert.Equal(AnsweringMachineResult.Human, result);
        Assert.True(detector.Analysed < TimeSpan.FromSeconds(2.5), $"took {detector.Analysed}");
    }

    [Fact]
    public void ALongGreetingIsAMachine()
    {
        var audio = GeneratedAudio.Speech(_folder, Voicemail, silenceAfter: 0.5);
        var detector = new AnsweringMachineDetector();

        var result = detector.Feed(audio);

        Assert.Equal(AnsweringMachineResult.Machine, result);
        Assert.True(detector.Analysed < TimeSpan.FromSeconds(2.5), $"took {detector.Analysed}");
    }

    [Fact]
    public void AudioFedInSmallPiecesGivesTheSameResult()
    {
        var audio = GeneratedAudio.Speech(_folder, "Hello, this is Mary.", silenceAfter: 2);
        var detector = new AnsweringMachineDetector();

        var result = AnsweringMachineResult.Pending;
        for (var i = 0; i < audio.Length; i += 37)
        {
            result = detector.Feed(audio.AsSpan(i, Math.Min(37, audio.Length - i)));
        }

        Assert.Equal(AnsweringMachineResult.Human, result);
    }

    [Fact]
    public void SilenceIsNotSure()
    {
        var detector = new AnsweringMachineDetector();

        var result = detector.Feed(new short[8000 * 6]);

        Assert.Equal(AnsweringMachineResult.NotSure, result);
    }

    [Fact]
    public void TheBeepAfterAGreetingIsHeardAndSpeechIsNotABeep()
    {
        var greeting = GeneratedAudio.Speech(_folder, Voicemail, silenceAfter: 0.3);
        var beep = GeneratedAudio.Synth(_folder, "synth", "0.4", "sine", "1000", "vol", "0.5");
        var speechOnly = new BeepDetector();
        var withBeep = new BeepDetector();

        var heardInSpeech = speechOnly.Feed(greeting);
        var heard = withBeep.Feed(GeneratedAudio.Concat(greeting, beep));

        Assert.False(heardInSpeech);
        Assert.True(heard);
        Assert.InRange(withBeep.Hertz, 950, 1050);
    }
}
