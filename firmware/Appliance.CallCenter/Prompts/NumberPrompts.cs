using System.Globalization;

namespace Appliance.CallCenter.Prompts;

/// <summary>
/// The prompts that say a number from 1 to 20, in a sentence of other prompts. Both prompt sets
/// have every name, so one list of names serves English and Chinese: <c>number-N</c> is the number
/// as said in a rank ("caller number three", 第三), <c>count-2</c> is two as said of a quantity,
/// which Chinese says 两 and not 二 ("两分钟", two minutes). Every other number is said alike in
/// both uses, in both languages.
/// </summary>
public static class NumberPrompts
{
    /// <summary>The highest number a prompt exists for.</summary>
    public const int Largest = 20;

    /// <summary>Every prompt a number can be said with, for loading before the first call.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Enumerable.Range(1, Largest).Select(Rank), "count-2"];

    /// <summary>The prompt of <paramref name="value"/> as a rank (position 3: 第三).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside 1 to 20.</exception>
    public static string Rank(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Largest);
        return string.Create(CultureInfo.InvariantCulture, $"number-{value}");
    }

    /// <summary>The prompt of <paramref name="value"/> as a quantity (2 minutes: 两分钟).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside 1 to 20.</exception>
    public static string Count(int value) => value == 2 ? "count-2" : Rank(value);
}
