using System.Buffers.Binary;

namespace Appliance.Media.Dtmf;

/// <summary>
/// The payload of an RFC 4733 telephone-event packet (§2.3): the event code, the end bit, the
/// volume in -dBm0 and the duration so far in timestamp units (8 kHz samples for audio at 8 kHz).
/// Event codes 0-15 are the DTMF digits 0-9, *, #, A-D (§3.2); 16 is flash.
/// </summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>The payload length of one event (§2.3); a packet may carry several (redundancy).</summary>
    public const int Length = 4;

    private const string Digits = "0123456789*#ABCD";

    /// <summary>Reads the first event of a payload; false when it is shorter than 4 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out TelephoneEvent telephoneEvent)
    {
        if (payload.Length < Length)
        {
            telephoneEvent = default;
            return false;
        }

        // §2.3: event (8 bits), E (1), R (1, ignored by the receiver), volume (6), duration (16).
        telephoneEvent = new TelephoneEvent(
            payload[0],
            (payload[1] & 0x80) != 0,
            (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the event; returns 4.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 4 bytes.</exception>
    public int Write(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("A telephone event needs 4 bytes.", nameof(destination));
        }

        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }

    /// <summary>The DTMF digit of an event code (§3.2); false for flash and other events.</summary>
    public static bool TryGetDigit(byte eventCode, out char digit)
    {
        if (eventCode < Digits.Length)
        {
            digit = Digits[eventCode];
            return true;
        }

        digit = '\0';
        return false;
    }

    /// <summary>The event code of a DTMF digit (0-9, *, #, A-D, case-insensitive).</summary>
    public static bool TryGetEventCode(char digit, out byte eventCode)
    {
        var index = Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        eventCode = (byte)Math.Max(index, 0);
        return index >= 0;
    }
}
