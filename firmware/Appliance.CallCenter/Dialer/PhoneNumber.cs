using System.Diagnostics.CodeAnalysis;

namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Normalises dialled numbers to the digits E.164 allows, so the contact list and the do-not-call
/// list compare the same text. Formatting characters (space, hyphen, dot, parentheses) are
/// dropped; anything else is refused.
/// </summary>
public static class PhoneNumber
{
    /// <summary>
    /// ITU-T E.164 §6.1: an international number has at most 15 digits. Seven is the shortest
    /// subscriber number we accept, to catch truncated cells.
    /// </summary>
    public const int MaxDigits = 15;

    public const int MinDigits = 7;

    /// <summary>
    /// Normalises <paramref name="text"/> to an optional leading '+' followed by 7 to 15 digits.
    /// With '+' the first digit (the country code) may not be 0 (E.164 §6.2.1).
    /// </summary>
    /// <param name="text">The number as written, e.g. "+1 (212) 555-0100".</param>
    /// <param name="normalized">"+12125550100", or null when refused.</param>
    /// <param name="reason">Why it was refused, or null.</param>
    public static bool TryNormalize(
        string? text,
        [NotNullWhen(true)] out string? normalized,
        [NotNullWhen(false)] out string? reason)
    {
        normalized = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            reason = "empty";
            return false;
        }

        var international = trimmed[0] == '+';
        Span<char> digits = stackalloc char[MaxDigits + 1];
        var count = 0;
        for (var i = international ? 1 : 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                reason = $"character '{c}' is not a digit";
                return false;
            }

            if (count == MaxDigits)
            {
                reason = $"more than {MaxDigits} digits";
                return false;
            }

            digits[count++] = c;
        }

        if (count < MinDigits)
        {
            reason = $"fewer than {MinDigits} digits";
            return false;
        }

        if (international && digits[0] == '0')
        {
            reason = "country code starts with 0";
            return false;
        }

        normalized = (international ? "+" : "") + new string(digits[..count]);
        reason = null;
        return true;
    }
}
