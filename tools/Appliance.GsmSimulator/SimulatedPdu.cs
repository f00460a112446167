using System.Globalization;
using System.Text;
using Appliance.Drivers.Gsm.Pdu;

namespace Appliance.GsmSimulator;

/// <summary>
/// The network's side of PDU mode, written apart from the driver's codec so each checks the other:
/// SMS-DELIVER PDUs as a service centre hands them to a module (3GPP TS 23.040 §9.2.2.1), and the
/// reading of the SMS-SUBMIT PDUs a module is given (§9.2.2.2). Only the driver's GSM 7-bit
/// alphabet table is shared.
/// </summary>
public static class SimulatedPdu
{
    // China Mobile's service centre in Beijing, +8613800100500, as BCD with its type (§9.1.2.5).
    private const string ServiceCentre = "0891683108100005F0";

    /// <summary>The SMS-DELIVER PDUs of one message: one when it fits, else concatenated parts
    /// with a 16-bit reference (IEI 0x08, §9.2.3.24.8), as some service centres send them; the
    /// driver sends with the 8-bit one, so both kinds cross the pty. GSM 7-bit when the text fits
    /// the alphabet, otherwise UCS-2.</summary>
    public static IReadOnlyList<SimulatedPart> Deliver(
        string from,
        string text,
        DateTimeOffset sent,
        int reference)
    {
        var gsm = GsmAlphabet.TryToSeptets(text, out var septets);
        var chunks = gsm ? SeptetChunks(septets) : Ucs2Chunks(text);
        var parts = new List<SimulatedPart>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var header = chunks.Count == 1 ? "" : $"060804{reference:X4}{chunks.Count:X2}{i + 1:X2}";
            var firstOctet = chunks.Count == 1 ? 0x04 : 0x44;
            var tpdu = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{firstOctet:X2}")
                .Append(Originator(from))
                .Append("00")
                .Append(gsm ? "00" : "08")
                .Append(TimeStamp(sent))
                .Append(gsm ? SeptetUserData(header, chunks[i]) : Ucs2UserData(header, chunks[i]))
                .ToString();
            parts.Add(new SimulatedPart(ServiceCentre + tpdu, tpdu.Length / 2));
        }

        return parts;
    }

    /// <summary>Reads an SMS-SUBMIT PDU (with its leading service centre field); false when it is
    /// not one or is cut short.</summary>
    public static bool TryReadSubmit(string hex, out SubmittedPart part)
    {
        part = default;
        byte[] octets;
        try
        {
            octets = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        try
        {
            return TryReadSubmit(octets, out part);
        }
        catch (IndexOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryReadSubmit(byte[] octets, out SubmittedPart part)
    {
        part = default;
        var at = 1 + octets[0];
        var first = octets[at++];
        if ((first & 0x03) != 0x01)
        {
            return false;
        }

        at++;
        var digits = octets[at++];
        var type = octets[at++];
        var number = new StringBuilder(type == 0x91 ? "+" : "");
        for (var i = 0; i < digits; i++)
        {
            var octet = octets[at + (i / 2)];
            number.Append((char)('0' + (i % 2 == 0 ? octet & 0x0F : octet >> 4)));
        }

        at += ((digits + 1) / 2) + 1;
        var dcs = octets[at++];
        at += ((first >> 3) & 0x03) switch { 0 => 0, 2 => 1, _ => 7 };
        var length = octets[at++];
        var data = octets.AsSpan(at);
        var headerOctets = (first & 0x40) != 0 ? data[0] + 1 : 0;
        var (reference, count, sequence) = Concatenation(data[..headerOctets]);
        string text;
        if ((dcs & 0x0C) == 0x08)
        {
            text = Encoding.BigEndianUnicode.GetString(data[headerOctets..length]);
        }
        else
        {
            var headerSeptets = ((headerOctets * 8) + 6) / 7;
            var septets = GsmAlphabet.Unpack(data, length, 0);
            text = GsmAlphabet.FromSeptets(septets.AsSpan(headerSeptets));
        }

        part = new SubmittedPart(number.ToString(), text, reference, count, sequence);
        return true;
    }

    /// <summary>IEI 0x00 (8-bit reference) or 0x08 (16-bit) of §9.2.3.24.1 and .8; a message in
    /// one part is (0, 1, 1).</summary>
    private static (int Reference, int Count, int Sequence) Concatenation(ReadOnlySpan<byte> header)
    {
        for (var at = 1; at + 1 < header.Length; at += 2 + header[at + 1])
        {
            if (header[at] == 0x00)
            {
                return (header[at + 2], header[at + 3], header[at + 4]);
            }

            if (header[at] == 0x08)
            {
                return ((header[at + 2] << 8) | header[at + 3], header[at + 4], header[at + 5]);
            }
        }

        return (0, 1, 1);
    }

    private static List<byte[]> SeptetChunks(byte[] septets)
    {
        if (septets.Length <= 160)
        {
            return [septets];
        }

        var chunks = new List<byte[]>();
        for (var at = 0; at < septets.Length;)
        {
            // A 7-octet header is 8 septets, leaving 152 for the text.
            var take = Math.Min(152, septets.Length - at);

            // An escape and its code stay in one part (TS 23.038 §6.2.1.1).
            if (take == 152 && septets[at + take - 1] == GsmAlphabet.Escape)
            {
                take--;
            }

            chunks.Add(septets[at..(at + take)]);
            at += take;
        }

        return chunks;
    }

    private static List<byte[]> Ucs2Chunks(string text)
    {
        if (text.Length <= 70)
        {
            return [Encoding.BigEndianUnicode.GetBytes(text)];
        }

        var chunks = new List<byte[]>();
        for (var at = 0; at < text.Length;)
        {
            // 140 octets less the 7-octet header leave 66 characters.
            var take = Math.Min(66, text.Length - at);
            if (take == 66 && char.IsHighSurrogate(text[at + take - 1]))
            {
                take--;
            }

            chunks.Add(Encoding.BigEndianUnicode.GetBytes(text.Substring(at, take)));
            at += take;
        }

        return chunks;
    }

    private static string SeptetUserData(string header, byte[] septets)
    {
        var headerOctets = header.Length / 2;
        var fill = headerOctets == 0 ? 0 : (7 - (headerOctets * 8 % 7)) % 7;
        var headerSeptets = ((headerOctets * 8) + fill) / 7;
        return string.Create(CultureInfo.InvariantCulture, $"{headerSeptets + septets.Length:X2}")
            + header + Convert.ToHexString(GsmAlphabet.Pack(septets, fill));
    }

    private static string Ucs2UserData(string header, byte[] text) =>
        string.Create(CultureInfo.InvariantCulture, $"{(header.Length / 2) + text.Length:X2}")
        + header + Convert.ToHexString(text);

    /// <summary>§9.1.2.5: digits as swapped BCD with type 0x91 (international) or 0x81, or a name
    /// as packed 7-bit with type 0xD0, its length counted in semi-octets.</summary>
    private static string Originator(string from)
    {
        var digits = from.TrimStart('+');
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            var type = from.StartsWith('+') ? "91" : "81";
            var padded = digits.Length % 2 == 0 ? digits : digits + "F";
            var swapped = new StringBuilder();
            for (var i = 0; i < padded.Length; i += 2)
            {
                swapped.Append(padded[i + 1]).Append(padded[i]);
            }

            return string.Create(CultureInfo.InvariantCulture, $"{digits.Length:X2}{type}{swapped}");
        }

        if (!GsmAlphabet.TryToSeptets(from, out var name))
        {
            throw new ArgumentException(
                $"'{from}' is neither a number nor a name in the GSM alphabet.", nameof(from));
        }

        var packed = GsmAlphabet.Pack(name, 0);
        return string.Create(CultureInfo.InvariantCulture, $"{((name.Length * 7) + 3) / 4:X2}D0")
            + Convert.ToHexString(packed);
    }

    /// <summary>§9.2.3.11: year, month, day, hour, minute, second and the zone in quarter hours,
    /// each as two swapped BCD digits; bit 3 of the zone's octet is its sign.</summary>
    private static string TimeStamp(DateTimeOffset time)
    {
        var quarters = (int)(time.Offset.TotalMinutes / 15);
        var fields = new[] { time.Year % 100, time.Month, time.Day, time.Hour, time.Minute, time.Second };
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append((char)('0' + (field % 10))).Append((char)('0' + (field / 10)));
        }

        var zone = Math.Abs(quarters);
        var tens = (zone / 10) | (quarters < 0 ? 0x08 : 0);
        return text.Append(CultureInfo.InvariantCulture, $"{zone % 10:X1}{tens:X1}").ToString();
    }
}
