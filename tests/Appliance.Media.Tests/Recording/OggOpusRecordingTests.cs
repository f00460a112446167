using System.Buffers.Binary;
using System.Diagnostics;
using Appliance.Media.Audio;
using Appliance.Media.Recording;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Recording;

/// <summary>
/// Ogg Opus recordings checked by the reference tools of opus-tools: <c>opusinfo</c> reads the
/// headers, pages, CRCs and granule positions without a warning, and <c>opusdec</c> plays the
/// caller's tone on the left and the agent's on the right.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OggOpusRecordingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OpusinfoAcceptsTheStreamWithoutAWarning()
    {
        var path = _folder.File("call.opus");
        var index = new CapturingIndex { Resolve = _ => path };
        var recorder = new StereoWavRecorder(path, Options(index));
        RecordingIndexTests.WriteTones(recorder, frames: 150);

        recorder.Dispose();
        var (exitCode, output) = Run("opusinfo", path);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Channels: 2", output, StringComparison.Ordinal);
        Assert.Contains("Original sample rate: 8000", output, StringComparison.Ordinal);
        Assert.Contains("Playback length: 0m:03.000s", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ERROR", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("opus", index.Added[0].Format);
        Assert.Equal(new FileInfo(path).Length, index.Added[0].SizeBytes);
        Assert.True(index.Added[0].SizeBytes < 3 * 32000 / 4, $"{index.Added[0].SizeBytes} bytes for 3 s");
    }

    [Fact]
    public void OpusdecPlaysTheCallerLeftAndTheAgentRight()
    {
        var path = _folder.File("stereo.opus");
        var decoded = _folder.File("decoded.wav");
        var recorder = new StereoWavRecorder(path, Options(new CapturingIndex { Resolve = _ => path }));
        RecordingIndexTests.WriteTones(recorder, frames: 100);

        recorder.Dispose();
        var (exitCode, output) = Run("opusdec", "--rate", "8000", path, decoded);
        WavFile.ReadStereo8k(decoded, out var left, out var right);

        Assert.True(exitCode == 0, output);
        Assert.Equal(16000, left.Length);
        Assert.Equal(440, Goertzel.DominantFrequency(left.AsSpan(4000, 8000), 8000, 300, 3400, 10));
        Assert.Equal(1000, Goertzel.DominantFrequency(right.AsSpan(4000, 8000), 8000, 300, 3400, 10));
    }

    [Fact]
    public void EveryPageCarriesTheCrcOfItsBytes()
    {
        var path = _folder.File("pages.opus");
        var recorder = new StereoWavRecorder(path, Options(new CapturingIndex { Resolve = _ => path }));
        RecordingIndexTests.WriteTones(recorder, frames: 120);

        recorder.Dispose();
        var bytes = File.ReadAllBytes(path);
        var pages = 0;
        long lastGranule = -1;
        var offset = 0;
        while (offset < bytes.Length)
        {
            var segments = bytes[offset + 26];
            var length = 27 + segments;
            for (var i = 0; i < segments; i++)
            {
                length += bytes[offset + 27 + i];
            }

            var page = bytes.AsSpan(offset, length).ToArray();
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(22));
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), 0);
            Assert.Equal(stored, OggCrc.Compute(page));
            lastGranule = BinaryPrimitives.ReadInt64LittleEndian(page.AsSpan(6));
            offset += length;
            pages++;
        }

        // OpusHead, OpusTags, then 120 packets of 20 ms and one of padding: 50 + 50 + 21. The last
        // granule position is the pre-skip plus the audio at 48 kHz (RFC 7845 §4).
        var preSkip = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28 + 10));
        Assert.Equal(5, pages);
        Assert.Equal(preSkip + (120 * 960), lastGranule);
        Assert.Equal(0x02, bytes[5]);
        Assert.Equal(0x04, bytes[LastPageStart(bytes) + 5]);
    }

    private static int LastPageStart(byte[] bytes)
    {
        var offset = 0;
        var last = 0;
        while (offset < bytes.Length)
        {
            last = offset;
            var segments = bytes[offset + 26];
            var length = 27 + segments;
            for (var i = 0; i < segments; i++)
            {
                length += bytes[offset + 27 + i];
            }

            offset += length;
        }

        return last;
    }

    private static RecordingOptions Options(IRecordingIndex index) => new()
    {
        CallId = "opus-call",
        Format = RecordingFormat.OggOpus,
        Index = index,
    };

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
