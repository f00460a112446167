using System.Buffers.Binary;
using Appliance.Drivers.Gsm;
using Appliance.GsmSimulator;
using Serilog.Core;

namespace Appliance.Drivers.Tests.Gsm;

/// <summary>Voice over a module's serial PCM port (QPCMV style), through System.IO.Ports on a
/// real pty pair whose master side plays the module.</summary>
[Trait("Category", "Integration")]
public sealed class GsmVoiceChannelPtyTests : IDisposable
{
    private readonly PtyPair _pty = PtyPair.Open();

    public void Dispose() => _pty.Dispose();

    [Fact]
    public async Task NetworkAudioArrivesAsTwentyMillisecondFramesInOrder()
    {
        await using var voice = GsmVoiceChannel.OpenSerial(_pty.DevicePath, 115200, Logger.None);
        var sent = Tone(1000, samples: GsmVoiceChannel.FrameSamples * 5);

        // Odd chunk sizes: the serial line has no framing, the channel makes its own.
        var bytes = LittleEndian(sent);
        foreach (var chunk in bytes.Chunk(77))
        {
            _pty.Write(chunk);
        }
        var received = await ReadFramesAsync(voice, 5);

        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task FramesWrittenReachTheModuleAsLittleEndianPcm()
    {
        await using var voice = GsmVoiceChannel.OpenSerial(_pty.DevicePath, 115200, Logger.None);
        var frame = Tone(440, GsmVoiceChannel.FrameSamples);

        voice.WriteFrame(frame);
        voice.WriteFrame(frame);
        var arrived = await ReadBytesAsync(GsmVoiceChannel.FrameBytes * 2);

        Assert.Equal(LittleEndian([.. frame, .. frame]), arrived);
        Assert.Equal(2, voice.FramesWritten);
    }

    [Fact]
    public async Task AReaderThatFallsBehindHearsTheLatestFramesAndTheDropsAreCounted()
    {
        await using var voice = GsmVoiceChannel.OpenSerial(_pty.DevicePath, 115200, Logger.None);
        var frames = Enumerable.Range(0, 15).Select(i => Enumerable.Repeat((short)i, 160).ToArray()).ToArray();

        foreach (var frame in frames)
        {
            _pty.Write(LittleEndian(frame));
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (voice.DroppedFrames < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var first = await ReadFramesAsync(voice, 1);

        Assert.Equal(5, voice.DroppedFrames);
        Assert.Equal(5, first[0]);
    }

    [Fact]
    public async Task AFrameOfTheWrongLengthIsRefused()
    {
        await using var voice = GsmVoiceChannel.OpenSerial(_pty.DevicePath, 115200, Logger.None);

        Assert.Throws<ArgumentException>(() => voice.WriteFrame(new short[100]));
    }

    private static short[] Tone(double hz, int samples) =>
        [.. Enumerable.Range(0, samples)
            .Select(n => (short)Math.Round(8000 * Math.Sin(2 * Math.PI * hz * n / 8000)))];

    private static byte[] LittleEndian(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        }
        return bytes;
    }

    private static async Task<short[]> ReadFramesAsync(GsmVoiceChannel voice, int count)
    {
        var result = new List<short>();
        var frame = new short[GsmVoiceChannel.FrameSamples];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (result.Count < count * GsmVoiceChannel.FrameSamples && DateTime.UtcNow < deadline)
        {
            if (voice.TryReadFrame(frame))
            {
                result.AddRange(frame);
            }
            else
            {
                await Task.Delay(10);
            }
        }
        return [.. result];
    }

    private async Task<byte[]> ReadBytesAsync(int count)
    {
        var result = new List<byte>();
        var buffer = new byte[1024];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (result.Count < count && DateTime.UtcNow < deadline)
        {
            int read = await Task.Run(() => _pty.Read(buffer, timeoutMs: 100));
            result.AddRange(buffer.Take(read));
        }
        return [.. result];
    }
}
