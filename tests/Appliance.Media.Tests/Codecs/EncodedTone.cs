using Appliance.Media.Codecs;
using Appliance.Media.Rtp;
using Appliance.Media.Tests.Engine;
using Appliance.Media.Tones;

namespace Appliance.Media.Tests.Codecs;

/// <summary>A far end that sends a tone in any codec at any packet time, paced by a timer.</summary>
internal static class EncodedTone
{
    public static async Task SendAsync(
        RawRtpPeer peer,
        int port,
        AudioCodec codec,
        int payloadType,
        int ptimeMs,
        double frequencyHz,
        CancellationToken stop)
    {
        var encoder = VoiceCodecs.Create(codec);
        var tone = new ToneGenerator(frequencyHz);
        var samples = ptimeMs * 8;
        var header = new RtpHeader { Marker = true, PayloadType = payloadType, Ssrc = 0xC0DEC, SequenceNumber = 7 };
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(ptimeMs));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var pcm = tone.Generate(samples);
                var packet = new byte[1500];
                var offset = header.Write(packet);
                var length = encoder.Encode(pcm, packet.AsSpan(offset, 1400));
                await peer.SendAsync(packet[..(offset + length)], port);
                header = header with
                {
                    Marker = false,
                    SequenceNumber = (ushort)(header.SequenceNumber + 1),
                    Timestamp = header.Timestamp + (uint)(samples * encoder.ClockRateHz / 8000),
                };
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
