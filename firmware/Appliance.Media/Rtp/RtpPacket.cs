namespace Appliance.Media.Rtp;

/// <summary>
/// Whole-packet helpers over <see cref="RtpHeader"/>: read a datagram into header and payload
/// span, write a header and payload into a buffer, and compare sequence numbers and timestamps
/// in the wrap-around arithmetic of RFC 3550. Allocation-free.
/// </summary>
public static class RtpPacket
{
    /// <summary>The largest RTP datagram the engine reads; larger ones are truncated and dropped.</summary>
    public const int MaxLength = 1500;

    /// <summary>Reads a datagram; the payload is a slice of it without CSRCs, extension or padding.</summary>
    public static bool TryRead(
        ReadOnlySpan<byte> datagram,
        out RtpHeader header,
        out ReadOnlySpan<byte> payload)
    {
        if (!RtpHeader.TryRead(datagram, out header, out var offset, out var length))
        {
            payload = default;
            return false;
        }

        payload = datagram.Slice(offset, length);
        return true;
    }

    /// <summary>Writes the fixed header and the payload; returns the packet length.</summary>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static int Write(Span<byte> destination, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (destination.Length < RtpHeader.FixedLength + payload.Length)
        {
            throw new ArgumentException(
                $"An RTP packet of {RtpHeader.FixedLength + payload.Length} bytes does not fit in "
                + $"{destination.Length} bytes.",
                nameof(destination));
        }

        var offset = header.Write(destination);
        payload.CopyTo(destination[offset..]);
        return offset + payload.Length;
    }

    /// <summary>
    /// True when timestamp <paramref name="a"/> is later than <paramref name="b"/>, allowing
    /// for the 32-bit wrap (RFC 3550 §A.1 uses the same serial-number arithmetic).
    /// </summary>
    public static bool IsLater(uint a, uint b) => (int)(a - b) > 0;

    /// <summary>True when sequence number <paramref name="a"/> is later than <paramref name="b"/>.</summary>
    public static bool IsLater(ushort a, ushort b) => (short)(ushort)(a - b) > 0;
}
