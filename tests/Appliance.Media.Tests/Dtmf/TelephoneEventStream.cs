using Appliance.Media.Dtmf;
using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Dtmf;

/// <summary>Builds the RTP packets of RFC 4733 key presses the way a phone sends them.</summary>
internal sealed class TelephoneEventStream
{
    private ushort _sequence = 1000;

    public List<(RtpHeader Header, byte[] Payload)> Packets { get; } = [];

    /// <summary>A start packet with the marker, duration updates every 160, three end packets.</summary>
    public TelephoneEventStream Press(byte eventCode, uint timestamp, int updates = 4, bool marker = true)
    {
        for (var i = 1; i <= updates; i++)
        {
            Add(eventCode, timestamp, marker && i == 1, end: false, (ushort)(160 * i));
        }

        for (var i = 0; i < DtmfSender.EndRepeats; i++)
        {
            Add(eventCode, timestamp, marker: false, end: true, (ushort)(160 * (updates + 1)));
        }

        return this;
    }

    public TelephoneEventStream Add(
        byte eventCode,
        uint timestamp,
        bool marker,
        bool end,
        ushort duration)
    {
        var header = new RtpHeader
        {
            Marker = marker,
            PayloadType = 101,
            SequenceNumber = _sequence++,
            Timestamp = timestamp,
            Ssrc = 0x5eed,
        };
        var payload = new byte[TelephoneEvent.Length];
        new TelephoneEvent(eventCode, end, 10, duration).Write(payload);
        Packets.Add((header, payload));
        return this;
    }

    /// <summary>The packets as datagrams, for a raw UDP peer.</summary>
    public IEnumerable<byte[]> Datagrams()
    {
        foreach (var (header, payload) in Packets)
        {
            var datagram = new byte[RtpHeader.FixedLength + payload.Length];
            RtpPacket.Write(datagram, header, payload);
            yield return datagram;
        }
    }

    public string Feed(DtmfReceiver receiver)
    {
        var digits = "";
        foreach (var (header, payload) in Packets)
        {
            if (receiver.TryAccept(header, payload, out var digit))
            {
                digits += digit;
            }
        }

        return digits;
    }
}
