namespace Appliance.Media.Dtmf;

/// <summary>
/// The ITU-T Q.23 keypad: each key is one tone of the low (row) group and one of the high
/// (column) group.
/// </summary>
public static class DtmfFrequencies
{
    /// <summary>The low group, 697-941 Hz, one per keypad row.</summary>
    public static IReadOnlyList<double> Rows { get; } = [697, 770, 852, 941];

    /// <summary>The high group, 1209-1633 Hz, one per keypad column.</summary>
    public static IReadOnlyList<double> Columns { get; } = [1209, 1336, 1477, 1633];

    private const string Keypad = "123A456B789C*0#D";

    /// <summary>The key at a row and column of the keypad (both 0-3).</summary>
    public static char KeyAt(int row, int column) => Keypad[(row * 4) + column];

    /// <summary>The two tones of a key (0-9, *, #, A-D, case-insensitive); false for others.</summary>
    public static bool TryGet(char key, out double rowHz, out double columnHz)
    {
        var index = Keypad.IndexOf(char.ToUpperInvariant(key), StringComparison.Ordinal);
        rowHz = index < 0 ? 0 : Rows[index / 4];
        columnHz = index < 0 ? 0 : Columns[index % 4];
        return index >= 0;
    }
}
