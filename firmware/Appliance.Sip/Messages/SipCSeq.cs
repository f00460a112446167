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
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
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

        cseq = new SipCSeq(number, method.ToString());
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Method}");
}
