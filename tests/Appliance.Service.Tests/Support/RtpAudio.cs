using Appliance.Media.Codecs;
using Appliance.Media.Rtp;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Turns captured RTP back into what a peer heard: the G.711 audio (PT 0 PCMU, PT 8 PCMA, RFC 3551)
/// of every datagram sent to one UDP port, decoded in capture order. Telephone events and other
/// payload types are left out; <see cref="PayloadTypes"/> shows what was there.
/// </summary>
public static class RtpAudio
{
    public static short[] ReceivedAt(IEnumerable<CapturedDatagram> datagrams, int port)
    {
        var samples = new List<short>();
        foreach (var datagram in datagrams.Where(d => d.Destination.Port == port))
        {
            if (!RtpHeader.TryRead(datagram.Payload, out var header, out var offset, out var length)
                || header.PayloadType is not ((int)AudioCodec.Pcmu or (int)AudioCodec.Pcma))
            {
                continue;
            }

            var decoded = new short[length];
            G711.Decode((AudioCodec)header.PayloadType, datagram.Payload.AsSpan(offset, length), decoded);
            samples.AddRange(decoded);
        }

        return [.. samples];
    }

    /// <summary>RTP packets per payload type sent to <paramref name="port"/>, e.g. "0x180 101x10".</summary>
    public static string PayloadTypes(IEnumerable<CapturedDatagram> datagrams, int port) =>
        string.Join(' ', datagrams.Where(d => d.Destination.Port == port)
            .Select(d => RtpHeader.TryRead(d.Payload, out var h, out _, out _) ? h.PayloadType : -1)
            .GroupBy(pt => pt)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key}x{g.Count()}"));
}
