using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Appliance.Sip.Messages;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and a method.</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    private const uint Limit = 1u << 31;

    public static bool TryParse([NotNullWhen(true)] string? text, out SipCSeq cseq)
    {
        cseq = default;
        return text is not null && TryParse(text.AsSpan(), out cseq);
    }

    /// <summary>As the string overload; the method of a common request costs no string.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out SipCSeq cseq)
    {
        cseq = default;
        var span = text.Trim();
        var space = span.IndexOfAny(' ', '\t');
        if (space <= 0)
        {
            return false;
        }

        var method = span[(space + 1)..].Trim();
        if (!uint.TryParse(span[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number >= Limit
            || !SipText.IsToken(method))
        {
            return false;
        }

        cseq = new SipCSeq(number, SipText.KnownMethod(method) ?? method.ToString());
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Method}");
}
