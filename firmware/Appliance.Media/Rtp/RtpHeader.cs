using System.Buffers.Binary;

namespace Appliance.Media.Rtp;

/// <summary>
/// The fixed header of an RTP packet (RFC 3550 §5.1). Reading skips the CSRC list and a header
/// extension and removes padding; writing produces the 12-byte fixed header, optionally with a
/// CSRC list. Both work on spans and allocate nothing.
/// </summary>
public readonly record struct RtpHeader
{
    /// <summary>RFC 3550 §5.1: the only RTP version.</summary>
    public const int Version = 2;

    /// <summary>The length in bytes of the fixed header without CSRCs or extension.</summary>
    public const int FixedLength = 12;

    /// <summary>True when the packet ends in padding (the last byte counts the padding bytes).</summary>
    public bool Padding { get; init; }

    /// <summary>True when a header extension follows the CSRC list (RFC 3550 §5.3.1).</summary>
    public bool Extension { get; init; }

    /// <summary>The number of CSRC identifiers, 0 to 15.</summary>
    public int CsrcCount { get; init; }

    public bool Marker { get; init; }

    /// <summary>The payload type, 0 to 127.</summary>
    public int PayloadType { get; init; }

    public ushort SequenceNumber { get; init; }

    /// <summary>The sampling instant of the first payload octet, in units of the codec clock.</summary>
    public uint Timestamp { get; init; }

    public uint Ssrc { get; init; }

    /// <summary>The profile-defined 16 bits of the extension header; 0 when there is none.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>
    /// Reads the header of <paramref name="packet"/> and locates its payload.
    /// </summary>
    /// <param name="packet">A whole RTP datagram.</param>
    /// <param name="header">The header read; default when the packet is not valid RTP.</param>
    /// <param name="payloadOffset">Where the payload starts, past CSRCs and extension.</param>
    /// <param name="payloadLength">The payload length in bytes, without padding.</param>
    /// <returns>False when the packet is too short, not version 2, or its lengths do not fit.</returns>
    public static bool TryRead(
        ReadOnlySpan<byte> packet,
        out RtpHeader header,
        out int payloadOffset,
        out int payloadLength)
    {
        header = default;
        payloadOffset = 0;
        payloadLength = 0;
        if (packet.Length < FixedLength || packet[0] >> 6 != Version)
        {
            return false;
        }

        var first = packet[0];
        var csrcCount = first & 0x0F;
        var offset = FixedLength + (4 * csrcCount);
        if (packet.Length < offset)
        {
            return false;
        }

        // RFC 3550 §5.3.1: the extension is a 16-bit profile value, a 16-bit length in 32-bit
        // words (not counting this 4-byte header), then the words.
        var extension = (first & 0x10) != 0;
        ushort profile = 0;
        if (extension)
        {
            if (packet.Length < offset + 4)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
            if (packet.Length < offset)
            {
                return false;
            }
        }

        // RFC 3550 §5.1: the last octet of the padding counts the padding octets, itself included.
        var end = packet.Length;
        var padding = (first & 0x20) != 0;
        if (padding)
        {
            var count = packet[^1];
            if (count == 0 || end - count < offset)
            {
                return false;
            }

            end -= count;
        }

        header = new RtpHeader
        {
            Padding = padding,
            Extension = extension,
            CsrcCount = csrcCount,
            Marker = (packet[1] & 0x80) != 0,
            PayloadType = packet[1] & 0x7F,
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            ExtensionProfile = profile,
        };
        payloadOffset = offset;
        payloadLength = end - offset;
        return true;
    }

    /// <summary>
    /// Reads CSRC number <paramref name="index"/> of a packet whose header was read by
    /// <see cref="TryRead"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see
    /// cref="CsrcCount"/>.</exception>
    public uint ReadCsrc(ReadOnlySpan<byte> packet, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + (4 * index))..]);
    }

    /// <summary>
    /// Writes this header with the given CSRC list and no extension or padding flags; the
    /// <see cref="Padding"/>, <see cref="Extension"/> and <see cref="CsrcCount"/> properties
    /// are not used, since the caller writes what follows the header.
    /// </summary>
    /// <returns>The bytes written: 12 plus 4 per CSRC.</returns>
    /// <exception cref="ArgumentException">More than 15 CSRCs, or the destination is too short.</exception>
    public int Write(Span<byte> destination, ReadOnlySpan<uint> csrcs = default)
    {
        if (csrcs.Length > 15)
        {
            throw new ArgumentException($"RTP carries at most 15 CSRCs, not {csrcs.Length}.", nameof(csrcs));
        }

        var length = FixedLength + (4 * csrcs.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException(
                $"An RTP header of {length} bytes does not fit in {destination.Length} bytes.",
                nameof(destination));
        }

        destination[0] = (byte)((Version << 6) | csrcs.Length);
        destination[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        for (var i = 0; i < csrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(FixedLength + (4 * i))..], csrcs[i]);
        }

        return length;
    }
}
