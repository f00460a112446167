using Appliance.Media.Audio;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Audio;

public sealed class HoldMusicTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CapturingLog _log = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FilesPlayInOrderAndLoopFromTheFirstAgain()
    {
        var first = _folder.File("first.wav");
        var second = _folder.File("second.wav");
        WavFile.WriteMono8k(first, new ToneGenerator(500).Generate(1600));
        WavFile.WriteMono8k(second, new ToneGenerator(1500).Generate(1600));
        var music = HoldMusic.Load([first, second], _log.Logger);
        var stream = music.OpenStream();
        var heard = new short[4 * 1600];

        for (var i = 0; i < heard.Length / 160; i++)
        {
            Assert.True(stream.ReadFrame(heard.AsSpan(i * 160, 160)));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(400), music.Length);
        Assert.Equal(500, Dominant(heard.AsSpan(0, 1600)));
        Assert.Equal(1500, Dominant(heard.AsSpan(1600, 1600)));
        Assert.Equal(500, Dominant(heard.AsSpan(3200, 1600)));
        Assert.Equal(1500, Dominant(heard.AsSpan(4800, 1600)));
    }

    [Fact]
    public void MusicShorterThanAFrameStillFillsEveryFrame()
    {
        var music = new HoldMusic([1000, -1000, 2000]);
        var stream = music.OpenStream();
        var frame = new short[160];

        stream.ReadFrame(frame);

        Assert.Equal(1000, frame[0]);
        Assert.Equal(2000, frame[2]);
        Assert.Equal(1000, frame[3]);
        Assert.Equal(1000, frame[159]);
    }

    [Fact]
    public void EachStreamStartsAtTheBeginning()
    {
        var music = new HoldMusic([.. Enumerable.Range(0, 800).Select(i => (short)i)]);
        var early = music.OpenStream();
        var frame = new short[160];
        early.ReadFrame(frame);
        early.ReadFrame(frame);

        var late = music.OpenStream();
        var lateFrame = new short[160];
        late.ReadFrame(lateFrame);
        var earlyAgain = music.OpenStream();
        var expected = new short[160];
        earlyAgain.ReadFrame(expected);

        Assert.Equal(expected, lateFrame);
        Assert.NotEqual(expected, frame);
    }

    [Fact]
    public void ABrokenFileIsLeftOutWithAWarningAndTheOthersPlay()
    {
        var good = _folder.File("good.wav");
        var broken = _folder.File("broken.wav");
        WavFile.WriteMono8k(good, new ToneGenerator(800).Generate(800));
        File.WriteAllText(broken, "not a wave file");

        var music = HoldMusic.Load([broken, _folder.File("missing.wav"), good], _log.Logger);

        Assert.Equal(TimeSpan.FromMilliseconds(100), music.Length);
        Assert.Equal(2, _log.Events.Count(e => e.Level == Serilog.Events.LogEventLevel.Warning));
        Assert.Contains(_log.Events, e => e.RenderMessage().Contains("broken.wav", StringComparison.Ordinal));
    }

    [Fact]
    public void NoPlayableFileIsAClearError()
    {
        var broken = _folder.File("broken.wav");
        File.WriteAllText(broken, "RIFF");

        var error = Assert.Throws<InvalidDataException>(() => HoldMusic.Load([broken], _log.Logger));

        Assert.Contains("broken.wav", error.Message, StringComparison.Ordinal);
    }

    private static double Dominant(ReadOnlySpan<short> samples) =>
        Goertzel.DominantFrequency(samples, 8000, 300, 3400, 100);
}
