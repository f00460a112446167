using System.Globalization;
using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// The number an outbound INVITE asks for, checked against what a line can dial before any line
/// is seized: a number a trunk would have to alter is refused, never dialled changed.
/// </summary>
/// <remarks>
/// Dial characters are 0-9, * and # (Q.931 §4.5.10, TS 27.007 §6.2); a leading + marks an
/// international number, which an E1 PRI carries as type of number 1 and a GSM module or SIP
/// trunk as written, while an analog or R2 line has no way to signal it. Visual separators
/// (RFC 3966 §5.1.1) are refused too, as dropping them would already be changing the number.
/// </remarks>
public static class OutboundNumber
{
    /// <summary>The most characters a number may have, a leading + included.</summary>
    public const int MaxLength = PhoneNumber.MaxDigits;

    /// <summary>
    /// Why <paramref name="number"/>, the Request-URI's user part with its escapes decoded
    /// (RFC 3261 §19.1.2), cannot be dialled at all; null when it may be.
    /// </summary>
    public static string? Problem(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Length == 0 || number == "+")
        {
            return "no number to dial";
        }

        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (!IsDialCharacter(c) && !(c == '+' && i == 0))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(c)} at position {i + 1} is not a dial character (0-9, *, #, a leading +)");
            }
        }

        return number.Length > MaxLength
            ? string.Create(CultureInfo.InvariantCulture,
                $"{number.Length} characters is more than the {MaxLength} a trunk can dial")
            : null;
    }

    /// <summary>
    /// Why a line of <paramref name="kind"/> cannot dial <paramref name="number"/>, one that
    /// <see cref="Problem"/> accepted; null when it can.
    /// </summary>
    public static string? ProblemOn(string number, PortKind kind)
    {
        ArgumentNullException.ThrowIfNull(number);
        var international = number.StartsWith('+');
        return international && kind is PortKind.Fxo or PortKind.E1R2
            ? $"an {(kind == PortKind.Fxo ? "analog" : "R2")} line cannot dial an international + number"
            : null;
    }

    /// <summary>
    /// The called number for a card port: a leading + becomes type of number international with
    /// the plan E.164 (Q.931 §4.5.10), the digits otherwise as they came.
    /// </summary>
    public static PhoneNumber ForCard(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.StartsWith('+')
            ? new PhoneNumber(number[1..], TypeOfNumber.International, NumberingPlan.Isdn)
            : new PhoneNumber(number);
    }

    /// <summary>The number as a SIP user part: # is escaped, as RFC 3261 §25.1 does not allow it
    /// unescaped in a user part.</summary>
    public static string ForSipUser(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Replace("#", "%23", StringComparison.Ordinal);
    }

    private static bool IsDialCharacter(char c) => char.IsAsciiDigit(c) || c is '*' or '#';

    private static string Describe(char c) =>
        c is > ' ' and < '\x7f' and not ('"' or '\\')
            ? $"'{c}'"
            : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
}
