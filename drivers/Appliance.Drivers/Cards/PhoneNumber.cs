namespace Appliance.Drivers.Cards;

/// <summary>
/// A number as the PSTN carries it: up to 31 dial characters (0-9, *, #) with its Q.931
/// attributes. <see cref="Empty"/> stands for no number.
/// </summary>
public readonly record struct PhoneNumber(
    string Digits,
    TypeOfNumber Type = TypeOfNumber.Unknown,
    NumberingPlan Plan = NumberingPlan.Isdn,
    NumberPresentation Presentation = NumberPresentation.Allowed)
{
    public const int MaxDigits = 31;

    public static PhoneNumber Empty { get; } = new(string.Empty, TypeOfNumber.Unknown, NumberingPlan.Unknown);

    public bool IsRestricted => Presentation != NumberPresentation.Allowed;

    /// <summary>Checks the digits; the card refuses anything else.</summary>
    /// <exception cref="ArgumentException">Not dial characters, or more than 31 of them.</exception>
    public void Validate(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(Digits, parameterName);
        if (Digits.Length > MaxDigits)
        {
            throw new ArgumentException(
                $"A number has at most {MaxDigits} digits, not {Digits.Length}.", parameterName);
        }
        foreach (char c in Digits)
        {
            if (!char.IsAsciiDigit(c) && c != '*' && c != '#')
            {
                throw new ArgumentException($"'{c}' is not a dial character in number '{Digits}'.", parameterName);
            }
        }
    }
}
