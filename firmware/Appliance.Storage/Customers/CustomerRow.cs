using SQLite;

namespace Appliance.Storage.Customers;

/// <summary>
/// One customer (table <c>Customer</c>), found by the IVR's lookup node from the caller's number:
/// the account that names it, the name it is greeted by, its numbers (comma-separated, as
/// <see cref="CustomerDirectory.NormalizeNumber"/> writes them), its VIP priority in the queues
/// (0 for none, up to 1000) and the language of its prompts (<c>en</c>, <c>zh</c> or null).
/// </summary>
[Table("Customer")]
public sealed class CustomerRow
{
    [PrimaryKey]
    public string Account { get; set; } = "";

    [NotNull]
    public string Name { get; set; } = "";

    [NotNull]
    public string Numbers { get; set; } = "";

    public int VipPriority { get; set; }

    public string? Language { get; set; }
}
