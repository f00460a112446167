using System.Security.Cryptography;
using Appliance.Media.Audio;
using Appliance.Media.Recording;
using Appliance.Media.Tones;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;

namespace Appliance.Media.Tests.Recording;

public sealed class RecordingIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AFinishedRecordingIsIndexedWithItsDurationSizeAndChecksum()
    {
        var path = _folder.File("call.wav");
        var index = new CapturingIndex { Resolve = _ => path };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero));
        var recorder = new StereoWavRecorder(path, Options(index, time));
        WriteTones(recorder, frames: 100);

        recorder.Dispose();
        var bytes = File.ReadAllBytes(path);

        var summary = Assert.Single(index.Added);
        Assert.Equal("call-1", summary.CallId);
        Assert.Equal("recordings/call.wav", summary.Path);
        Assert.Equal("wav", summary.Format);
        Assert.Equal(time.GetUtcNow(), summary.StartedUtc);
        Assert.Equal(TimeSpan.FromSeconds(2), summary.Duration);
        Assert.Equal(44 + (16000 * 4), summary.SizeBytes);
        Assert.Equal(bytes.Length, summary.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), summary.Sha256);
        Assert.Equal(0, summary.DroppedFrames);
        Assert.Equal(TimeSpan.Zero, summary.Paused);
    }

    [Fact]
    public void TheEntryIsAddedOnlyOnceTheFileOnTheDiskIsComplete()
    {
        var path = _folder.File("complete.wav");
        var index = new CapturingIndex { Resolve = _ => path };
        var recorder = new StereoWavRecorder(path, Options(index, TimeProvider.System));
        WriteTones(recorder, frames: 60);

        recorder.Dispose();

        var (length, sha256) = Assert.Single(index.FilesWhenAdded);
        Assert.Equal(44 + (60 * 160 * 4), length);
        Assert.Equal(index.Added[0].Sha256, sha256);
        WavFile.ReadStereo8k(path, out var left, out _);
        Assert.Equal(60 * 160, left.Length);
    }

    [Fact]
    public void ARecordingWhoseIndexFailsKeepsItsFileAndLogsOneError()
    {
        var path = _folder.File("unlisted.wav");
        var log = new CapturingLog();
        var options = new RecordingOptions { CallId = "c", Index = new RefusingIndex(), Log = log.Logger };
        var recorder = new StereoWavRecorder(path, options);
        WriteTones(recorder, frames: 10);

        recorder.Dispose();

        Assert.Equal(44 + (10 * 160 * 4), new FileInfo(path).Length);
        Assert.Equal(1, log.Count(LogEventLevel.Error));
    }

    [Fact]
    public void PausedTimeIsRecordedAsSilenceAndCountedOnTheEntry()
    {
        var path = _folder.File("paused.wav");
        var index = new CapturingIndex { Resolve = _ => path };
        var recorder = new StereoWavRecorder(path, Options(index, TimeProvider.System));

        WriteTones(recorder, frames: 50);
        Assert.True(recorder.Pause());
        Assert.False(recorder.Pause());
        WriteTones(recorder, frames: 75);
        Assert.True(recorder.Resume());
        WriteTones(recorder, frames: 50);
        recorder.Dispose();
        WavFile.ReadStereo8k(path, out var left, out var right);

        Assert.Equal(175 * 160, left.Length);
        Assert.Equal(440, Goertzel.DominantFrequency(left.AsSpan(0, 8000), 8000, 300, 3400, 10));
        Assert.All(left[8000..20000], sample => Assert.Equal(0, sample));
        Assert.All(right[8000..20000], sample => Assert.Equal(0, sample));
        Assert.Equal(1000, Goertzel.DominantFrequency(right.AsSpan(20000), 8000, 300, 3400, 10));
        Assert.Equal(TimeSpan.FromSeconds(1.5), index.Added[0].Paused);
        Assert.Equal(TimeSpan.FromSeconds(3.5), index.Added[0].Duration);
    }

    private static RecordingOptions Options(IRecordingIndex index, TimeProvider time) => new()
    {
        CallId = "call-1",
        IndexedPath = "recordings/call.wav",
        Index = index,
        Time = time,
    };

    internal static void WriteTones(StereoWavRecorder recorder, int frames)
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

    private sealed class RefusingIndex : IRecordingIndex
    {
        public void Add(RecordingSummary recording) => throw new IOException("database is locked");
    }
}
