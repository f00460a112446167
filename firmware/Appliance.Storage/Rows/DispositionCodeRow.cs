using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A disposition code an administrator defined (table <c>DispositionCode</c>): what an agent
/// records about an inbound call when it closes the wrap-up, such as <c>resolved</c>. Campaign
/// calls keep their campaign's own codes.
/// </summary>
[Table("DispositionCode")]
public sealed class DispositionCodeRow
{
    /// <summary>The code as stored on the call record, lower case, at most 40 characters.</summary>
    [PrimaryKey]
    public string Code { get; set; } = "";

    /// <summary>What the desktop shows for it.</summary>
    [NotNull]
    public string Name { get; set; } = "";
}
