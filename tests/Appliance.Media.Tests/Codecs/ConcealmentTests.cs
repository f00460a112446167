using Appliance.Media.Codecs;
using Appliance.Media.Codecs.Wideband;
using Appliance.Media.Jitter;
using Appliance.Media.Rtp;
using Appliance.Media.Tones;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Media.Tests.Codecs;

public sealed class ConcealmentTests
{
    [Fact]
    public void OpusLegFillsALostFrameFromTheDecodersOwnConcealment()
    {
        var (buffer, time) = BufferWithTone(new OpusCodec(), 111, out var lastGood);

        time.Advance(TimeSpan.FromMilliseconds(20));
        var concealed = new short[160];
        var played = buffer.ReadFrame(concealed);

        Assert.True(played);
        Assert.Equal(1, buffer.ConcealedFrames);
        Assert.True(Goertzel.Power(concealed, 8000, 500) > 0.001, "Opus concealment played no tone");
        Assert.NotEqual(Halved(lastGood), concealed);
    }

    [Fact]
    public void G722LegRepeatsTheLastFrameAtHalfLevel()
    {
        var (buffer, time) = BufferWithTone(new G722Codec(), 9, out var lastGood);

        time.Advance(TimeSpan.FromMilliseconds(20));
        var concealed = new short[160];
        buffer.ReadFrame(concealed);

        Assert.Equal(1, buffer.ConcealedFrames);
        Assert.Equal(Halved(lastGood), concealed);
    }

    // Ten 20 ms packets of 500 Hz go in and all are played; the next frame is then missing.
    private static (AdaptiveJitterBuffer Buffer, FakeTimeProvider Time) BufferWithTone(
        IVoiceCodec codec,
        int payloadType,
        out short[] lastGood)
    {
        var time = new FakeTimeProvider();
        var buffer = new AdaptiveJitterBuffer(time) { Concealer = codec };
        var encoder = VoiceCodecs.Create(codec.Codec);
        var tone = new ToneGenerator(500);
        var payload = new byte[1000];
        var pcm = new short[160];
        var decoded = new short[960];
        lastGood = new short[160];
        for (var i = 0; i < 10; i++)
        {
            tone.ReadFrame(pcm);
            var length = encoder.Encode(pcm, payload);
            var count = codec.Decode(payload.AsSpan(0, length), decoded);
            var header = new RtpHeader
            {
                PayloadType = payloadType,
                SequenceNumber = (ushort)i,
                Timestamp = (uint)(i * 160),
                Ssrc = 1,
                Marker = i == 0,
            };
            buffer.Put(header, decoded.AsSpan(0, count));
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        var frame = new short[160];
        for (var i = 0; i < 40 && buffer.BufferedDelay > TimeSpan.Zero; i++)
        {
            buffer.ReadFrame(frame);
            frame.CopyTo(lastGood, 0);
        }

        return (buffer, time);
    }

    private static short[] Halved(short[] frame) => [.. frame.Select(s => (short)(s / 2))];
}
