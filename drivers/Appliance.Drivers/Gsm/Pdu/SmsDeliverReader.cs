using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>
/// Reads the SMS-DELIVER PDUs a module prints in PDU mode after +CMT or +CMGR (3GPP TS 27.005
/// §3.4.1, §3.4.3), with the service centre field first as modules print them (TS 27.005 §3.1,
/// &lt;pdu&gt;). Malformed input is refused with a reason, never thrown. Stateless.
/// </summary>
public static class SmsDeliverReader
{
    /// <summary>Reads one PDU given as hex.</summary>
    /// <param name="hex">The PDU line, service centre field first.</param>
    /// <param name="message">The message, when the PDU holds one.</param>
    /// <param name="error">Why it does not, otherwise.</param>
    public static bool TryRead(
        string hex,
        [NotNullWhen(true)] out SmsDeliver? message,
        [NotNullWhen(false)] out string? error)
    {
        message = null;
        var octets = hex.Trim();
        if (octets.Length == 0 || octets.Length % 2 != 0 || !octets.All(char.IsAsciiHexDigit))
        {
            error = "the PDU is not an even number of hex digits";
            return false;
        }

        var reader = new OctetReader(Convert.FromHexString(octets));
        try
        {
            return TryRead(ref reader, out message, out error);
        }
        catch (ArgumentOutOfRangeException)
        {
            error = "the PDU ends before its fields do";
            return false;
        }
    }

    private static bool TryRead(ref OctetReader reader, out SmsDeliver? message, out string? error)
    {
        message = null;

        // TS 27.005 §3.1: the service centre's length counts its octets (type and digits).
        var centreLength = reader.Next();
        var centre = centreLength == 0 ? string.Empty : ServiceCentre(reader.Take(centreLength));

        // TS 23.040 §9.2.3.1: TP-MTI 00 is SMS-DELIVER; §9.2.3.23: TP-UDHI says a header leads the data.
        var first = reader.Next();
        if ((first & 0x03) != 0x00)
        {
            error = $"the PDU is not an SMS-DELIVER (TP-MTI {first & 0x03})";
            return false;
        }

        var originator = Address(ref reader);
        reader.Next();
        var coding = Coding(reader.Next(), out var compressed);
        if (compressed)
        {
            error = "the message is compressed (TS 23.042), which is not read";
            return false;
        }

        var time = TimeStamp(reader.Take(7));
        var length = reader.Next();
        var data = reader.Rest();
        if (!TryUserData(data, length, coding, (first & 0x40) != 0, out var text, out var part, out error))
        {
            return false;
        }

        message = new SmsDeliver(centre, originator, coding, text, time, part);
        return true;
    }

    /// <summary>TS 23.040 §9.2.3.16 and §9.2.3.24: the text after the header, and the header's
    /// concatenation element if it has one.</summary>
    private static bool TryUserData(
        ReadOnlySpan<byte> data,
        int length,
        SmsDataCoding coding,
        bool hasHeader,
        out string text,
        out SmsConcatenation? part,
        out string? error)
    {
        text = string.Empty;
        part = null;
        if (hasHeader && data.Length == 0)
        {
            error = "the user data header is missing";
            return false;
        }

        var headerOctets = hasHeader ? data[0] + 1 : 0;
        var dataOctets = coding == SmsDataCoding.Gsm7 ? ((length * 7) + 7) / 8 : length;
        var longest = coding == SmsDataCoding.Gsm7 ? 160 : 140;
        if (length > longest || dataOctets > data.Length || headerOctets > dataOctets)
        {
            error = $"the user data length {length} does not fit the PDU";
            return false;
        }

        if (hasHeader)
        {
            part = Concatenation(data[1..headerOctets]);
        }

        var body = data[headerOctets..dataOctets];
        text = coding switch
        {
            SmsDataCoding.Ucs2 => Encoding.BigEndianUnicode.GetString(body[..(body.Length & ~1)]),
            SmsDataCoding.EightBit => Encoding.Latin1.GetString(body),
            _ => Septets(body, length, headerOctets),
        };
        error = null;
        return true;
    }

    /// <summary>§9.2.3.24: after a header the text starts on the next septet boundary, so fill bits
    /// pad the header out to a whole number of septets.</summary>
    private static string Septets(ReadOnlySpan<byte> body, int length, int headerOctets)
    {
        var headerBits = headerOctets * 8;
        var fill = (7 - (headerBits % 7)) % 7;
        var headerSeptets = (headerBits + fill) / 7;
        return GsmAlphabet.FromSeptets(GsmAlphabet.Unpack(body, length - headerSeptets, fill));
    }

    /// <summary>IEI 0x00 (8-bit reference) or 0x08 (16-bit); an element whose count or sequence is
    /// 0, or a sequence past the count, is ignored as §9.2.3.24.1 asks.</summary>
    private static SmsConcatenation? Concatenation(ReadOnlySpan<byte> elements)
    {
        for (var at = 0; at + 1 < elements.Length; at += 2 + elements[at + 1])
        {
            var element = elements.Slice(at + 2, Math.Min(elements[at + 1], elements.Length - at - 2));
            SmsConcatenation? found = (elements[at], element.Length) switch
            {
                (0x00, 3) => new SmsConcatenation(element[0], element[1], element[2]),
                (0x08, 4) => new SmsConcatenation((element[0] << 8) | element[1], element[2], element[3]),
                _ => null,
            };
            if (found is { Count: > 0, Sequence: > 0 } valid && valid.Sequence <= valid.Count)
            {
                return valid;
            }
        }

        return null;
    }

    /// <summary>TS 23.040 §9.1.2.5: the length in semi-octets, the type of number, then swapped BCD
    /// digits, or for an alphanumeric address (type of number 101) packed 7-bit characters.</summary>
    private static string Address(ref OctetReader reader)
    {
        var semiOctets = reader.Next();
        var type = reader.Next();
        var value = reader.Take((semiOctets + 1) / 2);
        var typeOfNumber = (type >> 4) & 0x07;
        if (typeOfNumber == 0x05)
        {
            return GsmAlphabet.FromSeptets(GsmAlphabet.Unpack(value, semiOctets * 4 / 7, 0));
        }

        var digits = Digits(value, semiOctets);
        return typeOfNumber == 0x01 && digits.Length > 0 ? "+" + digits : digits;
    }

    /// <summary>TS 24.011 §8.2.5.1: the type of number, then the digits.</summary>
    private static string ServiceCentre(ReadOnlySpan<byte> field)
    {
        var digits = Digits(field[1..], (field.Length - 1) * 2);
        return ((field[0] >> 4) & 0x07) == 0x01 && digits.Length > 0 ? "+" + digits : digits;
    }

    /// <summary>Swapped BCD (TS 23.040 §9.1.2.3), 0xF pads; * # a b c for 0xA to 0xE (TS 24.008
    /// §10.5.4.7).</summary>
    private static string Digits(ReadOnlySpan<byte> octets, int count)
    {
        var digits = new StringBuilder(count);
        for (var i = 0; i < count && i / 2 < octets.Length; i++)
        {
            var nibble = i % 2 == 0 ? octets[i / 2] & 0x0F : octets[i / 2] >> 4;
            if (nibble == 0x0F)
            {
                break;
            }

            digits.Append("0123456789*#abc"[nibble]);
        }

        return digits.ToString();
    }

    /// <summary>TS 23.038 §4: the coding groups that name an alphabet; reserved ones read as
    /// the default alphabet, as §4 asks.</summary>
    private static SmsDataCoding Coding(byte dcs, out bool compressed)
    {
        compressed = false;
        switch (dcs >> 4)
        {
            case <= 0x07:
                // General data coding (00xx) and automatic deletion (01xx): bit 5 compressed, bits 3-2.
                compressed = (dcs & 0x20) != 0;
                return ((dcs >> 2) & 0x03) switch
                {
                    0x01 => SmsDataCoding.EightBit,
                    0x02 => SmsDataCoding.Ucs2,
                    _ => SmsDataCoding.Gsm7,
                };
            case 0x0E:
                return SmsDataCoding.Ucs2;
            case 0x0F:
                return (dcs & 0x04) != 0 ? SmsDataCoding.EightBit : SmsDataCoding.Gsm7;
            default:
                return SmsDataCoding.Gsm7;
        }
    }

    /// <summary>TS 23.040 §9.2.3.11: seven octets of swapped BCD, the zone in quarter hours with
    /// its sign in bit 3. A field out of range (a broken clock in the network) gives the
    /// nearest valid time rather than an error.</summary>
    private static DateTimeOffset TimeStamp(ReadOnlySpan<byte> octets)
    {
        static int Field(byte octet) => ((octet & 0x0F) * 10) + Math.Min(octet >> 4, 9);

        var zone = (((octets[6] & 0x07) * 10) + Math.Min(octets[6] >> 4, 9)) * ((octets[6] & 0x08) != 0 ? -1 : 1);
        var offset = TimeSpan.FromMinutes(Math.Clamp(zone, -14 * 4, 14 * 4) * 15);
        var month = Math.Clamp(Field(octets[1]), 1, 12);
        var year = 2000 + Field(octets[0]);
        var day = Math.Clamp(Field(octets[2]), 1, DateTime.DaysInMonth(year, month));
        return new DateTimeOffset(
            year,
            month,
            day,
            Math.Min(Field(octets[3]), 23),
            Math.Min(Field(octets[4]), 59),
            Math.Min(Field(octets[5]), 59),
            offset);
    }

    private ref struct OctetReader(byte[] octets)
    {
        private readonly byte[] _octets = octets;
        private int _at;

        public byte Next() => _at < _octets.Length
            ? _octets[_at++]
            : throw new ArgumentOutOfRangeException(nameof(octets), "The PDU ended.");

        public ReadOnlySpan<byte> Take(int count)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _octets.Length - _at, nameof(count));
            var taken = _octets.AsSpan(_at, count);
            _at += count;
            return taken;
        }

        public readonly ReadOnlySpan<byte> Rest() => _octets.AsSpan(_at);
    }
}
