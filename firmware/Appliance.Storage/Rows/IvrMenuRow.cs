using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A stored IVR menu (table <c>IvrMenu</c>). <see cref="Prompts"/> is a comma-separated list of
/// prompt names (<c>welcome,menu</c>); <see cref="Options"/> is semicolon-separated
/// <c>digit=queue</c> pairs (<c>1=sales;2=support</c>) where the digit is one DTMF key.
/// </summary>
[Table("IvrMenu")]
public sealed class IvrMenuRow
{
    [PrimaryKey]
    public string Name { get; set; } = "";

    [NotNull]
    public string Prompts { get; set; } = "";

    /// <summary>Played once before the menu is first offered, not on repeats; null for none.</summary>
    public string? Greeting { get; set; }

    [NotNull]
    public string Options { get; set; } = "";

    public int DigitTimeoutSeconds { get; set; }

    public int MaxRepeats { get; set; }

    [NotNull]
    public string DefaultQueue { get; set; } = "";

    public string? InvalidPrompt { get; set; }
}
