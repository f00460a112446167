using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A not-ready reason an administrator defined (table <c>NotReadyReason</c>); agents give it by
/// dialling the not-ready code followed by <see cref="Code"/>.
/// </summary>
[Table("NotReadyReason")]
public sealed class NotReadyReasonRow
{
    [PrimaryKey]
    public int Code { get; set; }

    [NotNull]
    public string Name { get; set; } = "";
}
