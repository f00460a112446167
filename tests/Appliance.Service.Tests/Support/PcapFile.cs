using System.Buffers.Binary;
using System.Net;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Reads the IPv4 UDP datagrams out of a classic libpcap file (the format dumpcap writes with -P),
/// on the link types a Linux loopback capture can have: Ethernet (dumpcap's choice for lo), BSD
/// null/loopback, Linux cooked v1 and v2, and raw IP. Everything else in the file is skipped.
/// </summary>
/// <remarks>
/// Format: https://www.tcpdump.org/manpages/pcap-savefile.5.html and
/// https://www.tcpdump.org/linktypes.html. A truncated last record (capture stopped mid-write) ends
/// the read without an error.
/// </remarks>
public static class PcapFile
{
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private const int LinkTypeNull = 0;
    private const int LinkTypeEthernet = 1;
    private const int LinkTypeRaw = 101;
    private const int LinkTypeLinuxSll = 113;
    private const int LinkTypeLinuxSll2 = 276;

    /// <exception cref="InvalidDataException">The file is not a classic pcap file.</exception>
    public static IReadOnlyList<CapturedDatagram> ReadUdp(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < GlobalHeaderLength)
        {
            throw new InvalidDataException($"{path} is {data.Length} bytes, shorter than a pcap header.");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var littleEndian = magic is MicrosecondMagic or NanosecondMagic;
        if (!littleEndian)
        {
            magic = BinaryPrimitives.ReadUInt32BigEndian(data);
            if (magic is not (MicrosecondMagic or NanosecondMagic))
            {
                throw new InvalidDataException($"{path} is not a classic pcap file (magic 0x{magic:X8}).");
            }
        }

        var nanoseconds = magic == NanosecondMagic;
        var linkType = (int)(ReadUInt32(data.AsSpan(20), littleEndian) & 0x0FFFFFFF);
        var datagrams = new List<CapturedDatagram>();
        var offset = GlobalHeaderLength;
        while (offset + RecordHeaderLength <= data.Length)
        {
            var record = data.AsSpan(offset);
            var seconds = ReadUInt32(record, littleEndian);
            var fraction = ReadUInt32(record[4..], littleEndian);
            var capturedLength = (int)ReadUInt32(record[8..], littleEndian);
            offset += RecordHeaderLength;
            if (capturedLength < 0 || offset + capturedLength > data.Length)
            {
                break;
            }

            var ticks = nanoseconds ? fraction / 100 : fraction * 10L;
            var timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
            var frame = data.AsSpan(offset, capturedLength);
            offset += capturedLength;
            if (TryFindIPv4(frame, linkType, out var ipOffset)
                && TryReadUdp(frame[ipOffset..], timestamp, out var datagram))
            {
                datagrams.Add(datagram);
            }
        }

        return datagrams;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> span, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);

    private static bool TryFindIPv4(ReadOnlySpan<byte> frame, int linkType, out int ipOffset)
    {
        // The protocol field sits at a link-type specific place; 0x0800 is IPv4 (IEEE EtherType).
        (ipOffset, var isIPv4) = linkType switch
        {
            LinkTypeEthernet when frame.Length >= 14 =>
                (14, BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x0800),
            LinkTypeLinuxSll when frame.Length >= 16 =>
                (16, BinaryPrimitives.ReadUInt16BigEndian(frame[14..]) == 0x0800),
            LinkTypeLinuxSll2 when frame.Length >= 20 =>
                (20, BinaryPrimitives.ReadUInt16BigEndian(frame) == 0x0800),
            // BSD loopback: a 4-byte address family in the capturing host's byte order; AF_INET is 2.
            LinkTypeNull when frame.Length >= 4 =>
                (4, BinaryPrimitives.ReadUInt32LittleEndian(frame) == 2
                    || BinaryPrimitives.ReadUInt32BigEndian(frame) == 2),
            LinkTypeRaw when frame.Length >= 1 => (0, frame[0] >> 4 == 4),
            _ => (0, false),
        };
        return isIPv4;
    }

    private static bool TryReadUdp(ReadOnlySpan<byte> ip, DateTimeOffset timestamp, out CapturedDatagram datagram)
    {
        datagram = null!;

        // RFC 791 §3.1: IHL in 32-bit words; protocol 17 is UDP (RFC 768). Fragments are skipped.
        if (ip.Length < 20 || ip[0] >> 4 != 4 || ip[9] != 17)
        {
            return false;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x3FFF;
        if (fragment != 0 || totalLength > ip.Length || headerLength + 8 > totalLength)
        {
            return false;
        }

        var udp = ip[headerLength..totalLength];
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (udpLength < 8 || udpLength > udp.Length)
        {
            return false;
        }

        var source = new IPEndPoint(
            new IPAddress(ip.Slice(12, 4)), BinaryPrimitives.ReadUInt16BigEndian(udp));
        var destination = new IPEndPoint(
            new IPAddress(ip.Slice(16, 4)), BinaryPrimitives.ReadUInt16BigEndian(udp[2..]));
        datagram = new CapturedDatagram(timestamp, source, destination, udp[8..udpLength].ToArray());
        return true;
    }
}
