using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>A SIP extension that may register (table <c>Extension</c>). The password is kept in
/// clear text because digest authentication (RFC 3261 §22.4) needs it or its HA1.</summary>
[Table("Extension")]
public sealed class ExtensionRow
{
    [PrimaryKey]
    public string Number { get; set; } = "";

    [NotNull]
    public string Password { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>
    /// For a remote agent (at home, on a mobile): the number it is rung at through the box's
    /// outbound route while no phone of this extension is registered; null for none.
    /// </summary>
    public string? ExternalNumber { get; set; }

    /// <summary>
    /// The prompt language its owner hears (<c>en</c>, <c>zh</c>) on its mailbox (*97, *98) and
    /// feature-code calls; null for the box's (<c>Prompts:Language</c>).
    /// </summary>
    public string? Language { get; set; }
}
