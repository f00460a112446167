using Appliance.Media.Rtp;

namespace Appliance.Media.Tests.Srtp;

/// <summary>RTP and RTCP packets with recognisable payloads for the SRTP tests.</summary>
internal static class SrtpPackets
{
    public static readonly byte[] Key = Convert.FromHexString(
        "E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6");

    public static byte[] MakeRtp(ushort sequence, uint ssrc = 0xCAFE0001, int payloadLength = 160)
    {
        var packet = new byte[RtpHeader.FixedLength + payloadLength];
        var header = new RtpHeader
        {
            PayloadType = 0,
            SequenceNumber = sequence,
            Timestamp = sequence * 160u,
            Ssrc = ssrc,
        };
        header.Write(packet);
        for (var i = 0; i < payloadLength; i++)
        {
            packet[RtpHeader.FixedLength + i] = (byte)(sequence + i);
        }

        return packet;
    }

    /// <summary>An RTCP receiver report with one report block and a little filler.</summary>
    public static byte[] MakeRtcp(byte fill, uint ssrc = 0xCAFE0001)
    {
        var packet = new byte[32];
        packet[0] = 0x81;
        packet[1] = 201;
        packet[3] = 7;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        packet.AsSpan(8).Fill(fill);
        return packet;
    }

    /// <summary>The packet in a buffer with room for the SRTP trailer.</summary>
    public static byte[] WithRoom(byte[] packet)
    {
        var buffer = new byte[packet.Length + 16];
        packet.CopyTo(buffer, 0);
        return buffer;
    }
}
