using Appliance.Media.Audio;
using Appliance.Media.Recording;
using Serilog.Events;

namespace Appliance.Media.Tests.Recording;

public sealed class SlowDiskTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FramesBeyondTheQueueAreDroppedCountedAndLoggedOnceWhileTheDiskStalls()
    {
        var path = _folder.File("slow.wav");
        var log = new CapturingLog();
        var index = new CapturingIndex { Resolve = _ => path };
        GatedStream? disk = null;
        var options = new RecordingOptions { CallId = "slow-call", Index = index, Log = log.Logger, QueueFrames = 8 };
        var recorder = new StereoWavRecorder(path, options, p => disk = new GatedStream(p));
        disk!.Shut();
        disk.WriteEntered.Reset();

        // The first frame reaches the disk and sticks there; seven more fit in the queue.
        RecordingIndexTests.WriteTones(recorder, frames: 1);
        disk.WriteEntered.Wait();
        RecordingIndexTests.WriteTones(recorder, frames: 49);
        var droppedWhileStalled = recorder.DroppedFrames;
        disk.Open();
        recorder.WaitUntilWritten();
        RecordingIndexTests.WriteTones(recorder, frames: 5);
        recorder.Dispose();
        WavFile.ReadStereo8k(path, out var left, out _);

        Assert.Equal(42, droppedWhileStalled);
        Assert.Equal(42, index.Added[0].DroppedFrames);
        Assert.Equal((8 + 5) * 160, left.Length);
        var warning = Assert.Single(log.Events, e => e.Level == LogEventLevel.Warning);
        Assert.Equal("42", warning.Properties["DroppedFrames"].ToString());
        Assert.Equal("\"slow-call\"", warning.Properties["CallId"].ToString());
    }

    [Fact]
    public void WritingAFrameNeverWaitsForAStalledDisk()
    {
        var path = _folder.File("stalled.wav");
        GatedStream? disk = null;
        var recorder = new StereoWavRecorder(path, new RecordingOptions { QueueFrames = 4 }, p => disk = new GatedStream(p));
        disk!.Shut();

        // Were WriteFrame to wait for the disk, this would never return: the gate is shut.
        RecordingIndexTests.WriteTones(recorder, frames: 500);

        Assert.True(recorder.DroppedFrames >= 496);
        disk.Open();
        recorder.Dispose();
    }

    [Fact]
    public void ADiskThatFailsIsReportedToTheWriterOnceAndTheRecordingIsNotIndexed()
    {
        var path = _folder.File("broken.wav");
        var index = new CapturingIndex();
        var recorder = new StereoWavRecorder(
            path, new RecordingOptions { Index = index }, p => new FailingStream(p));

        RecordingIndexTests.WriteTones(recorder, frames: 1);
        recorder.WaitUntilWritten();
        var thrown = Assert.Throws<IOException>(() => RecordingIndexTests.WriteTones(recorder, frames: 1));
        RecordingIndexTests.WriteTones(recorder, frames: 1);
        recorder.Dispose();

        Assert.Contains("No space left", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(index.Added);
    }

    private sealed class FailingStream(string path) : FileBackedStream(path)
    {
        private int _writes;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            // The header goes through; the first audio finds the disk full.
            if (++_writes > 1)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer);
        }
    }
}
