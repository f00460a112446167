using System.Text;

namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>
/// Makes the SMS-SUBMIT PDUs of one message (3GPP TS 23.040 §9.2.2.2): GSM 7-bit when every
/// character is in the default alphabet or its extension table, otherwise UCS-2; a message longer
/// than one PDU holds (160 septets, 70 UCS-2 characters) goes in concatenated parts with an 8-bit
/// reference (IEI 0x00, §9.2.3.24.1) of 153 septets or 67 characters each. The service centre is
/// left to the SIM's, the validity is one day. Stateless.
/// </summary>
public static class SmsSubmitWriter
{
    /// <summary>The most parts one message may take here (TS 23.040 allows 255; handsets show
    /// far fewer).</summary>
    public const int MaxParts = 10;

    /// <summary>The PDUs of <paramref name="text"/> to <paramref name="number"/>.</summary>
    /// <param name="number">Digits, with a leading + for an international number.</param>
    /// <param name="text">The message.</param>
    /// <param name="reference">The concatenation reference the parts share (0 to 255).</param>
    /// <exception cref="ArgumentException">A bad number, or text that needs more than
    /// <see cref="MaxParts"/> parts.</exception>
    public static IReadOnlyList<SmsSubmitPart> Write(string number, string text, int reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = number.StartsWith('+') ? number[1..] : number;
        if (digits.Length is 0 or > 20 || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{number}' is not a number to send a message to.", nameof(number));
        }

        var gsm = GsmAlphabet.TryToSeptets(text, out var septets);
        var parts = gsm ? SplitSeptets(septets) : SplitUcs2(text);
        if (parts.Count > MaxParts)
        {
            throw new ArgumentException(
                $"The text needs {parts.Count} messages; at most {MaxParts} are sent as one.", nameof(text));
        }

        var destination = Destination(number.StartsWith('+'), digits);
        var written = new List<SmsSubmitPart>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            byte[] header = parts.Count == 1
                ? []
                : [0x05, 0x00, 0x03, (byte)reference, (byte)parts.Count, (byte)(i + 1)];
            var tpdu = new List<byte>(160)
            {
                // §9.2.3.1, .25, .3: SMS-SUBMIT, reject duplicates off, relative validity; .23: UDHI.
                (byte)(header.Length == 0 ? 0x11 : 0x51),
                0x00,
            };
            tpdu.AddRange(destination);

            // §9.2.3.9 TP-PID 0 (plain message); TS 23.038 §4 DCS 0x00 or 0x08; §9.2.3.12.1 TP-VP
            // 167 is 24 hours.
            tpdu.AddRange([0x00, gsm ? (byte)0x00 : (byte)0x08, 0xA7]);
            tpdu.AddRange(gsm ? SeptetData(header, parts[i]) : OctetData(header, parts[i]));
            written.Add(new SmsSubmitPart("00" + Convert.ToHexString([.. tpdu]), tpdu.Count));
        }

        return written;
    }

    /// <summary>§9.1.2.5: the number of digits, type 0x91 (international, ISDN plan) or 0x81, the
    /// digits as swapped BCD padded with 0xF.</summary>
    private static byte[] Destination(bool international, string digits)
    {
        var address = new byte[2 + ((digits.Length + 1) / 2)];
        address[0] = (byte)digits.Length;
        address[1] = international ? (byte)0x91 : (byte)0x81;
        for (var i = 0; i < digits.Length; i += 2)
        {
            var low = digits[i] - '0';
            var high = i + 1 < digits.Length ? digits[i + 1] - '0' : 0x0F;
            address[2 + (i / 2)] = (byte)((high << 4) | low);
        }

        return address;
    }

    private static List<byte[]> SplitSeptets(byte[] septets)
    {
        const int Whole = 160;
        const int Part = 153;
        var parts = new List<byte[]>();
        if (septets.Length <= Whole)
        {
            parts.Add(septets);
            return parts;
        }

        var start = 0;
        while (start < septets.Length)
        {
            var end = Math.Min(start + Part, septets.Length);

            // TS 23.038 §6.2.1.1: an escape and the code after it are one character; keep them together.
            if (end < septets.Length && EndsInEscape(septets, start, end))
            {
                end--;
            }

            parts.Add(septets[start..end]);
            start = end;
        }

        return parts;
    }

    /// <summary>Whether the septet before <paramref name="end"/> is an escape that opens a pair
    /// (counting the escapes in a row, since an escape can itself follow an escape).</summary>
    private static bool EndsInEscape(byte[] septets, int start, int end)
    {
        var escapes = 0;
        for (var i = end - 1; i >= start && septets[i] == GsmAlphabet.Escape; i--)
        {
            escapes++;
        }

        return escapes % 2 == 1;
    }

    private static List<byte[]> SplitUcs2(string text)
    {
        const int Whole = 70;
        const int Part = 67;
        var parts = new List<byte[]>();
        if (text.Length <= Whole)
        {
            parts.Add(Encoding.BigEndianUnicode.GetBytes(text));
            return parts;
        }

        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + Part, text.Length);

            // A surrogate pair (a character past U+FFFF) stays in one part, so each part is valid UTF-16.
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }

            parts.Add(Encoding.BigEndianUnicode.GetBytes(text[start..end]));
            start = end;
        }

        return parts;
    }

    /// <summary>§9.2.3.16: TP-UDL counts septets, the header's included (padded to a septet
    /// boundary by fill bits, §9.2.3.24).</summary>
    private static byte[] SeptetData(byte[] header, byte[] septets)
    {
        var fill = header.Length == 0 ? 0 : (7 - (header.Length * 8 % 7)) % 7;
        var headerSeptets = ((header.Length * 8) + fill) / 7;
        var packed = GsmAlphabet.Pack(septets, fill);
        return [(byte)(headerSeptets + septets.Length), .. header, .. packed];
    }

    /// <summary>§9.2.3.16: TP-UDL counts octets, the header's included.</summary>
    private static byte[] OctetData(byte[] header, byte[] text) =>
        [(byte)(header.Length + text.Length), .. header, .. text];
}
