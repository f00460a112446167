namespace Appliance.Drivers.Gsm.Pdu;

/// <summary>
/// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1 and §6.2.1.1),
/// and the packing of septets into octets (§6.1.2.1.1). A character of the extension table takes
/// two septets: the escape 0x1B, then its code. Stateless; safe from any thread.
/// </summary>
public static class GsmAlphabet
{
    /// <summary>The escape septet to the extension table.</summary>
    public const byte Escape = 0x1B;

    // TS 23.038 §6.2.1: position n of the string is the character of septet n; 0x1B is the escape.
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // TS 23.038 §6.2.1.1: the characters the extension table adds, with their codes.
    private static readonly (char Character, byte Code)[] s_extension =
    [
        ('\f', 0x0A), ('^', 0x14), ('{', 0x28), ('}', 0x29), ('\\', 0x2F), ('[', 0x3C), ('~', 0x3D),
        (']', 0x3E), ('|', 0x40), ('€', 0x65),
    ];

    /// <summary>The septets of <paramref name="text"/>; false when a character is in neither
    /// table (the text then needs UCS-2).</summary>
    public static bool TryToSeptets(string text, out byte[] septets)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<byte>(text.Length);
        foreach (var c in text)
        {
            var basic = c == '\u001B' ? -1 : Basic.IndexOf(c, StringComparison.Ordinal);
            if (basic >= 0)
            {
                result.Add((byte)basic);
                continue;
            }

            var extension = Array.FindIndex(s_extension, e => e.Character == c);
            if (extension < 0)
            {
                septets = [];
                return false;
            }

            result.Add(Escape);
            result.Add(s_extension[extension].Code);
        }

        septets = [.. result];
        return true;
    }

    /// <summary>The text of <paramref name="septets"/>. An escape followed by a code the
    /// extension table lacks reads as that code's basic character, as §6.2.1.1 asks of a receiver;
    /// a lone escape at the end reads as a space.</summary>
    public static string FromSeptets(ReadOnlySpan<byte> septets)
    {
        var text = new System.Text.StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var septet = septets[i] & 0x7F;
            if (septet != Escape)
            {
                text.Append(Basic[septet]);
                continue;
            }

            if (++i == septets.Length)
            {
                text.Append(' ');
                break;
            }

            var code = (byte)(septets[i] & 0x7F);
            var extension = Array.FindIndex(s_extension, e => e.Code == code);
            text.Append(extension >= 0 ? s_extension[extension].Character : Basic[code == Escape ? 0x20 : code]);
        }

        return text.ToString();
    }

    /// <summary>Packs septets into octets, least significant bit first (TS 23.038 §6.1.2.1.1),
    /// after <paramref name="fillBits"/> zero bits (0 to 6) that align the text after a user data
    /// header to a septet boundary (TS 23.040 §9.2.3.24).</summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fillBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fillBits, 6);
        var octets = new byte[((septets.Length * 7) + fillBits + 7) / 8];
        for (var i = 0; i < septets.Length; i++)
        {
            var bit = fillBits + (i * 7);
            var shift = bit % 8;
            var septet = septets[i] & 0x7F;
            octets[bit / 8] |= (byte)(septet << shift);
            if (shift > 1)
            {
                octets[(bit / 8) + 1] |= (byte)(septet >> (8 - shift));
            }
        }

        return octets;
    }

    /// <summary>The first <paramref name="count"/> septets of packed octets that start after
    /// <paramref name="fillBits"/> bits; fewer when the octets run out.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> octets, int count, int fillBits)
    {
        var available = Math.Max(0, ((octets.Length * 8) - fillBits) / 7);
        var septets = new byte[Math.Min(count, available)];
        for (var i = 0; i < septets.Length; i++)
        {
            var bit = fillBits + (i * 7);
            var shift = bit % 8;
            var value = octets[bit / 8] >> shift;
            if (shift > 1)
            {
                value |= octets[(bit / 8) + 1] << (8 - shift);
            }

            septets[i] = (byte)(value & 0x7F);
        }

        return septets;
    }
}
