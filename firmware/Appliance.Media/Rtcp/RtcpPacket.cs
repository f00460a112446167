using System.Buffers.Binary;
using System.Text;

namespace Appliance.Media.Rtcp;

/// <summary>
/// Writes and reads compound RTCP packets (RFC 3550 §6): a sender report (SR, PT 200) or a
/// receiver report (RR, PT 201) with at most one report block, followed by an SDES packet with
/// the CNAME that §6.1 requires in every compound packet. Reading walks the compound packet and
/// keeps what a quality estimate needs. Spans only; nothing is allocated.
/// </summary>
public static class RtcpPacket
{
    /// <summary>RTCP packet type of a sender report (RFC 3550 §6.4.1).</summary>
    public const int SenderReportType = 200;

    /// <summary>RTCP packet type of a receiver report (RFC 3550 §6.4.2).</summary>
    public const int ReceiverReportType = 201;

    /// <summary>RTCP packet type of source descriptions (RFC 3550 §6.5).</summary>
    public const int SourceDescriptionType = 202;

    /// <summary>RTCP packet type of a BYE (RFC 3550 §6.6).</summary>
    public const int ByeType = 203;

    /// <summary>Room enough for any compound packet this class writes.</summary>
    public const int MaxLength = 256;

    private const int ReportBlockLength = 24;

    /// <summary>
    /// Writes an SR (when <paramref name="sender"/> is given) or an RR, with the report block
    /// when <paramref name="report"/> is given, and an SDES CNAME; returns the length.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than
    /// <see cref="MaxLength"/> or the CNAME is longer than 64 bytes.</exception>
    public static int Write(
        Span<byte> destination,
        uint ssrc,
        SenderInfo? sender,
        ReceptionReport? report,
        string cname)
    {
        ArgumentNullException.ThrowIfNull(cname);
        if (destination.Length < MaxLength || Encoding.ASCII.GetByteCount(cname) > 64)
        {
            throw new ArgumentException(
                $"An RTCP packet needs {MaxLength} bytes and a CNAME of at most 64 characters.",
                nameof(destination));
        }

        var blocks = report is null ? 0 : 1;
        var type = sender is null ? ReceiverReportType : SenderReportType;
        var length = 8 + (sender is null ? 0 : 20) + (blocks * ReportBlockLength);
        WriteCommonHeader(destination, blocks, type, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        var offset = 8;
        if (sender is { } info)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[offset..], info.NtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], info.RtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], info.PacketCount);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], info.OctetCount);
            offset += 20;
        }

        if (report is { } block)
        {
            WriteReportBlock(destination[offset..], block);
            offset += ReportBlockLength;
        }

        return offset + WriteCname(destination[offset..], ssrc, cname);
    }

    /// <summary>
    /// Reads a compound packet: the sender's SSRC, the NTP time of its SR if it sent one, and
    /// the report block about <paramref name="ourSsrc"/> if there is one. False when the packet
    /// is not RTCP version 2 or a length does not fit; nothing is thrown.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, uint ourSsrc, out RtcpSummary summary)
    {
        summary = default;
        uint senderSsrc = 0;
        ulong? ntp = null;
        ReceptionReport? aboutUs = null;
        var bye = false;
        var any = false;
        while (packet.Length >= 4)
        {
            if (packet[0] >> 6 != 2)
            {
                return false;
            }

            var count = packet[0] & 0x1F;
            var type = packet[1];
            var length = (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4;
            if (length > packet.Length || (!any && type is not (SenderReportType or ReceiverReportType)))
            {
                // RFC 3550 §6.1: a compound packet begins with an SR or an RR.
                return false;
            }

            var body = packet[..length];
            if (type is SenderReportType or ReceiverReportType && !TryReadReport(
                    body, type, count, ourSsrc, ref senderSsrc, ref ntp, ref aboutUs))
            {
                return false;
            }

            bye |= type == ByeType;
            any = true;
            packet = packet[length..];
        }

        summary = new RtcpSummary(senderSsrc, ntp, aboutUs, bye);
        return any;
    }

    /// <summary>The middle 32 bits of an NTP timestamp, the LSR of RFC 3550 §6.4.1.</summary>
    public static uint Middle(ulong ntpTimestamp) => (uint)(ntpTimestamp >> 16);

    /// <summary>An NTP timestamp (seconds since 1900 in the high 32 bits) of a UTC time.</summary>
    public static ulong ToNtp(DateTimeOffset time)
    {
        var sinceEpoch = time.UtcDateTime - new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var seconds = (ulong)sinceEpoch.Ticks / TimeSpan.TicksPerSecond;
        var fraction = (ulong)sinceEpoch.Ticks % TimeSpan.TicksPerSecond;
        return (seconds << 32) | ((fraction << 32) / TimeSpan.TicksPerSecond);
    }

    /// <summary>
    /// RFC 3550 §6.4.1: the round trip, A - LSR - DLSR, from a report block about us read at
    /// <paramref name="arrivalNtp"/>; null when the peer has heard no SR of ours yet.
    /// </summary>
    public static TimeSpan? RoundTrip(in ReceptionReport report, ulong arrivalNtp)
    {
        if (report.LastSenderReport == 0)
        {
            return null;
        }

        var units = Middle(arrivalNtp) - report.LastSenderReport - report.DelaySinceLastSenderReport;

        // A negative round trip (clock step) wraps to a huge one; it is not a measurement.
        if ((int)units < 0)
        {
            return null;
        }

        return TimeSpan.FromSeconds(units / 65536.0);
    }

    private static bool TryReadReport(
        ReadOnlySpan<byte> body,
        int type,
        int count,
        uint ourSsrc,
        ref uint senderSsrc,
        ref ulong? ntp,
        ref ReceptionReport? aboutUs)
    {
        var offset = type == SenderReportType ? 28 : 8;
        if (body.Length < offset + (count * ReportBlockLength))
        {
            return false;
        }

        senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (type == SenderReportType)
        {
            ntp = BinaryPrimitives.ReadUInt64BigEndian(body[8..]);
        }

        for (var i = 0; i < count; i++)
        {
            var block = body.Slice(offset + (i * ReportBlockLength), ReportBlockLength);
            if (BinaryPrimitives.ReadUInt32BigEndian(block) == ourSsrc)
            {
                aboutUs = ReadReportBlock(block);
            }
        }

        return true;
    }

    private static ReceptionReport ReadReportBlock(ReadOnlySpan<byte> block)
    {
        // The cumulative loss is a signed 24-bit number.
        var lost = (block[5] << 16) | (block[6] << 8) | block[7];
        if ((lost & 0x800000) != 0)
        {
            lost -= 0x1000000;
        }

        return new ReceptionReport(
            BinaryPrimitives.ReadUInt32BigEndian(block),
            block[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[20..]));
    }

    private static void WriteReportBlock(Span<byte> block, in ReceptionReport report)
    {
        BinaryPrimitives.WriteUInt32BigEndian(block, report.Ssrc);
        var lost = report.CumulativeLost & 0xFFFFFF;
        block[4] = report.FractionLost;
        block[5] = (byte)(lost >> 16);
        block[6] = (byte)(lost >> 8);
        block[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(block[8..], report.ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], report.Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(block[16..], report.LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(block[20..], report.DelaySinceLastSenderReport);
    }

    // RFC 3550 §6.5: one chunk, the CNAME item, then a null item padding to a 32-bit boundary.
    private static int WriteCname(Span<byte> destination, uint ssrc, string cname)
    {
        var textLength = Encoding.ASCII.GetBytes(cname, destination[10..]);
        var itemsEnd = 10 + textLength + 1;
        var length = (itemsEnd + 3) & ~3;
        destination[itemsEnd..length].Clear();
        destination[itemsEnd - 1] = 0;
        WriteCommonHeader(destination, 1, SourceDescriptionType, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = 1;
        destination[9] = (byte)textLength;
        return length;
    }

    private static void WriteCommonHeader(Span<byte> destination, int count, int type, int length)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }
}
