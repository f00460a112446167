using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Audio;

public sealed class WavFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AMonoFileReadsBackTheSamplesWritten()
    {
        var samples = new short[] { 0, 1, -1, short.MaxValue, short.MinValue, 1234 };
        var path = _folder.File("mono.wav");

        WavFile.WriteMono8k(path, samples);
        var read = WavFile.ReadMono8k(path);

        Assert.Equal(samples, read);
        Assert.Equal(WavFormat.Telephone, WavFile.ReadFormat(path));
        Assert.Equal(44 + 12, new FileInfo(path).Length);
    }

    [Fact]
    public void AStereoFileReadBackHoldsEachChannelsTone()
    {
        var left = new ToneGenerator(440).Generate(4000);
        var right = new ToneGenerator(1000).Generate(4000);
        var path = _folder.File("stereo.wav");

        WavFile.WriteStereo8k(path, left, right);
        WavFile.ReadStereo8k(path, out var readLeft, out var readRight);

        Assert.Equal(440, Goertzel.DominantFrequency(readLeft, 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(readRight, 8000, 300, 3400, 10));
        Assert.Equal(left, readLeft);
        Assert.Equal(right, readRight);
    }

    [Theory]
    [InlineData(WavEncoding.MuLaw, AudioCodec.Pcmu)]
    [InlineData(WavEncoding.ALaw, AudioCodec.Pcma)]
    public void AG711FileIsDecodedToLinear(WavEncoding encoding, AudioCodec codec)
    {
        var samples = new short[] { 0, 1000, -1000, 30000, -30000 };
        var codes = new byte[samples.Length + 1];
        G711.Encode(codec, samples, codes);
        var path = new WavBytes()
            .Format((int)encoding, 1, 8000, 8, extraBytes: 2)
            .Chunk("fact", [5, 0, 0, 0])
            .Chunk("data", codes[..samples.Length])
            .WriteTo(_folder.File("g711.wav"));

        var read = WavFile.ReadMono8k(path);

        var expected = samples.Select(s => G711.Decode(codec, G711.Encode(codec, s))).ToArray();
        Assert.Equal(expected, read);
    }

    [Fact]
    public void UnknownChunksWithOddSizesAreSkipped()
    {
        var path = new WavBytes()
            .Chunk("LIST", [1, 2, 3])
            .Format(1, 1, 8000, 16)
            .Chunk("junk", [9])
            .Pcm16Data(7, 8, 9)
            .WriteTo(_folder.File("chunks.wav"));

        var read = WavFile.ReadMono8k(path);

        Assert.Equal(new short[] { 7, 8, 9 }, read);
    }

    [Fact]
    public void AnExtensibleFormatIsReadByItsSubFormat()
    {
        var path = new WavBytes()
            .ExtensibleFormat(1, 1, 8000, 16)
            .Pcm16Data(-5, 5)
            .WriteTo(_folder.File("extensible.wav"));

        var read = WavFile.ReadMono8k(path);

        Assert.Equal(new short[] { -5, 5 }, read);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    [InlineData(1000u)]
    public void ADataChunkWhoseSizeWasNeverPatchedIsReadToTheEnd(uint declaredSize)
    {
        var path = new WavBytes()
            .Format(1, 1, 8000, 16)
            .Chunk("data", [1, 0, 2, 0, 3], declaredSize)
            .WriteTo(_folder.File("cut.wav"));

        var read = WavFile.ReadMono8k(path);

        Assert.Equal(new short[] { 1, 2 }, read);
    }

    public static TheoryData<string, int, int, int, int, string> UnsupportedFormats => new()
    {
        { "wideband", 1, 1, 16000, 16, "16000 Hz" },
        { "eight-bit", 1, 1, 8000, 8, "8 bits" },
        { "float", 3, 1, 8000, 32, "format tag 3" },
        { "stereo prompt", 1, 2, 8000, 16, "2 channel" },
        { "gsm", 49, 1, 8000, 0, "format tag 49" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedFormats))]
    public void AnUnsupportedPromptFormatIsRejectedNamingTheFile(
        string name,
        int tag,
        int channels,
        int rateHz,
        int bits,
        string detail)
    {
        var path = new WavBytes()
            .Format(tag, channels, rateHz, bits)
            .Chunk("data", new byte[64])
            .WriteTo(_folder.File(name + ".wav"));

        var thrown = Assert.Throws<InvalidDataException>(() => WavFile.ReadMono8k(path));

        Assert.Contains(path, thrown.Message, StringComparison.Ordinal);
        Assert.Contains(detail, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotWavIsRejectedNamingTheFile()
    {
        var path = _folder.File("prompt.wav");
        File.WriteAllText(path, "ID3 this is an mp3 really");

        var thrown = Assert.Throws<InvalidDataException>(() => WavFile.ReadMono8k(path));

        Assert.Contains(path, thrown.Message, StringComparison.Ordinal);
        Assert.Contains("RIFF", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutADataChunkIsRejected()
    {
        var path = new WavBytes().Format(1, 1, 8000, 16).WriteTo(_folder.File("empty.wav"));

        var thrown = Assert.Throws<InvalidDataException>(() => WavFile.ReadMono8k(path));

        Assert.Contains("data", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonoFileIsNotReadAsStereo()
    {
        var path = _folder.File("mono.wav");
        WavFile.WriteMono8k(path, [1, 2]);

        Assert.Throws<InvalidDataException>(() => WavFile.ReadStereo8k(path, out _, out _));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void EveryCommittedPromptIsEightKilohertzMonoSpeech()
    {
        var folder = Path.Combine(RepositoryRoot(), "firmware", "Appliance.Service", "Prompts", "en");
        var names = new[] { "welcome", "menu", "invalid", "hold", "noagent" };

        foreach (var name in names)
        {
            var path = Path.Combine(folder, name + ".wav");
            var samples = WavFile.ReadMono8k(path);

            Assert.Equal(WavFormat.Telephone, WavFile.ReadFormat(path));
            Assert.InRange(samples.Length, 8000, 8000 * 15);
            Assert.True(samples.Max(s => Math.Abs((int)s)) > 3000, $"{name}.wav is nearly silent.");
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Appliance.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName
            ?? throw new InvalidOperationException("Appliance.sln not found above the tests.");
    }
}
