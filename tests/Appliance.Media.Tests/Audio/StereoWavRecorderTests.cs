using System.Buffers.Binary;
using Appliance.Media.Audio;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Audio;

public sealed class StereoWavRecorderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheHeaderIsValidAfterAFlushWithoutDispose()
    {
        var path = _folder.File("call.wav");
        using var recorder = new StereoWavRecorder(path);
        WriteTones(recorder, frames: 25);

        recorder.Flush();
        var bytes = ReadShared(path);

        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(bytes.Length - 44, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
        Assert.Equal(25 * 160 * 4, bytes.Length - 44);
        Assert.Equal(WavFormat.TelephoneStereo, WavFile.ReadFormat(path));
    }

    [Fact]
    public void ARecordingStillOpenPlaysBackBothChannels()
    {
        var path = _folder.File("open.wav");
        using var recorder = new StereoWavRecorder(path);
        WriteTones(recorder, frames: 25);

        recorder.Flush();
        WavFile.ReadStereo8k(path, out var left, out var right);

        Assert.Equal(4000, left.Length);
        Assert.Equal(440, Goertzel.DominantFrequency(left, 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(right, 8000, 300, 3400, 10));
    }

    [Fact]
    public void TheHeaderIsPatchedAfterEverySecondOfAudioWithoutAnyCall()
    {
        var path = _folder.File("running.wav");
        using var recorder = new StereoWavRecorder(path);

        WriteTones(recorder, frames: 51);
        recorder.WaitUntilWritten();
        var bytes = ReadShared(path);

        Assert.Equal(8000 * 4, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
    }

    [Fact]
    public void DisposeWritesTheFinalSizes()
    {
        var path = _folder.File("done.wav");
        var recorder = new StereoWavRecorder(path);
        WriteTones(recorder, frames: 3);

        recorder.Dispose();
        WavFile.ReadStereo8k(path, out var left, out _);

        Assert.Equal(480, left.Length);
        Assert.Equal(44 + (480 * 4), new FileInfo(path).Length);
        Assert.Equal(TimeSpan.FromMilliseconds(60), recorder.Duration);
    }

    [Fact]
    public void TheFolderIsCreatedWhenMissing()
    {
        var path = Path.Combine(_folder.Path, "recordings", "2025-01-01", "call.wav");

        using (new StereoWavRecorder(path))
        {
        }

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void WritingAfterDisposeThrows()
    {
        var recorder = new StereoWavRecorder(_folder.File("closed.wav"));
        recorder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => recorder.WriteFrame(new short[160], new short[160]));
        recorder.Dispose();
    }

    [Fact]
    public void ChannelsOfDifferentLengthsAreRejected()
    {
        using var recorder = new StereoWavRecorder(_folder.File("odd.wav"));

        Assert.Throws<ArgumentException>(() => recorder.WriteFrame(new short[160], new short[80]));
    }

    private static void WriteTones(StereoWavRecorder recorder, int frames)
    {
        var left = new ToneGenerator(440);
        var right = new ToneGenerator(1000);
        var leftFrame = new short[160];
        var rightFrame = new short[160];
        for (var i = 0; i < frames; i++)
        {
            left.ReadFrame(leftFrame);
            right.ReadFrame(rightFrame);
            recorder.WriteFrame(leftFrame, rightFrame);
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
