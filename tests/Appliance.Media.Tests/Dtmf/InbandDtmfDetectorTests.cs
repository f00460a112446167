using Appliance.Media.Audio;
using Appliance.Media.Dtmf;

namespace Appliance.Media.Tests.Dtmf;

public sealed class InbandDtmfDetectorTests
{
    private const string AllKeys = "123A456B789C*0#D";

    [Fact]
    public void EverySixteenKeysAreHeardInOrder()
    {
        var signal = AllKeys.SelectMany(k => DtmfSignal.Make(k)).ToArray();

        var heard = Detect(signal);

        Assert.Equal(AllKeys, heard);
    }

    [Theory]
    [InlineData(0.015)]
    [InlineData(-0.015)]
    public void KeysOffByOneAndAHalfPercentAreAccepted(double deviation)
    {
        var signal = AllKeys.SelectMany(k => DtmfSignal.Make(k, deviation: deviation)).ToArray();

        var heard = Detect(signal);

        Assert.Equal(AllKeys, heard);
    }

    [Theory]
    [InlineData(0.035)]
    [InlineData(-0.035)]
    [InlineData(0.05)]
    public void KeysOffByThreeAndAHalfPercentOrMoreAreRejected(double deviation)
    {
        var signal = AllKeys.SelectMany(k => DtmfSignal.Make(k, deviation: deviation)).ToArray();

        var heard = Detect(signal);

        Assert.Equal(string.Empty, heard);
    }

    [Theory]
    [InlineData(-7.5, true)]
    [InlineData(3.5, true)]
    [InlineData(-10, false)]
    [InlineData(6, false)]
    public void TwistWithinEightDecibelsNormalAndFourReverseIsAccepted(double columnMinusRowDb, bool accepted)
    {
        var signal = AllKeys
            .SelectMany(k => DtmfSignal.Make(k, rowDbfs: -12, columnDbfs: -12 + columnMinusRowDb))
            .ToArray();

        var heard = Detect(signal);

        Assert.Equal(accepted ? AllKeys : string.Empty, heard);
    }

    [Fact]
    public void FortyMillisecondsIsADigitAtEveryAlignmentAndTwentyIsNot()
    {
        var longEnough = new List<string>();
        var tooShort = new List<string>();

        for (var lead = 400; lead < 480; lead += 7)
        {
            longEnough.Add(Detect(DtmfSignal.Make('5', toneMs: 40, leadSamples: lead)));
            tooShort.Add(Detect(DtmfSignal.Make('5', toneMs: 20, leadSamples: lead)));
        }

        Assert.All(longEnough, h => Assert.Equal("5", h));
        Assert.All(tooShort, h => Assert.Equal(string.Empty, h));
    }

    [Theory]
    [InlineData(-25, true)]
    [InlineData(-36, false)]
    public void KeysAboveThirtyDecibelsBelowFullScaleAreHeardAndQuieterOnesAreNot(double dbfs, bool accepted)
    {
        var signal = DtmfSignal.Make('9', rowDbfs: dbfs, columnDbfs: dbfs);

        var heard = Detect(signal);

        Assert.Equal(accepted ? "9" : string.Empty, heard);
    }

    [Fact]
    public void KeysAreHeardThroughNoiseTwentyDecibelsDown()
    {
        var signal = AllKeys.SelectMany(k => DtmfSignal.Make(k, noiseDbfs: -30)).ToArray();

        var heard = Detect(signal);

        Assert.Equal(AllKeys, heard);
    }

    [Fact]
    public void TheSameKeyTwiceWithAFortyMillisecondPauseIsTwoDigits()
    {
        var press = DtmfSignal.Make('0', toneMs: 50, leadSamples: 0);
        var signal = press[..400].Concat(new short[320]).Concat(press[..400]).Concat(new short[400]).ToArray();

        var heard = Detect(signal);

        Assert.Equal("00", heard);
    }

    [Fact]
    public void SpeechPromptsAndHoldMusicTalkOffNoDigit()
    {
        var folder = Path.Combine(RepositoryRoot(), "firmware", "Appliance.Service", "Prompts", "en");
        var files = Directory.GetFiles(folder, "*.wav");
        var detector = new InbandDtmfDetector();
        var digits = new List<(string File, char Digit)>();
        var current = string.Empty;
        detector.DigitDetected += d => digits.Add((current, d));

        foreach (var file in files)
        {
            current = Path.GetFileName(file);
            detector.WriteFrame(WavFile.ReadMono8k(file));
            detector.WriteFrame(new short[800]);
        }

        Assert.Contains(files, f => f.EndsWith("hold.wav", StringComparison.Ordinal));
        Assert.True(files.Length >= 8, $"{files.Length} prompts");
        Assert.Empty(digits);
    }

    private static string Detect(short[] signal)
    {
        var detector = new InbandDtmfDetector();
        var heard = new System.Text.StringBuilder();
        detector.DigitDetected += d => heard.Append(d);

        // Fed in odd-sized pieces, as packets of any ptime arrive.
        for (var offset = 0; offset < signal.Length; offset += 97)
        {
            detector.WriteFrame(signal.AsSpan(offset, Math.Min(97, signal.Length - offset)));
        }

        return heard.ToString();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Appliance.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Appliance.sln not found above the tests");
    }
}
