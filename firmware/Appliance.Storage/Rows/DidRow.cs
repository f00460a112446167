using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A dialled number and where its calls go (table <c>Did</c>). <see cref="TargetKind"/> is
/// <c>ivr</c> (an IVR menu name), <c>flow</c> (an IVR flow document name) or <c>queue</c> (a queue name);
/// <see cref="ApplianceDatabase.FindDid"/> checks it.
/// </summary>
[Table("Did")]
public sealed class DidRow
{
    public const string IvrTarget = "ivr";
    public const string QueueTarget = "queue";
    public const string FlowTarget = "flow";

    [PrimaryKey]
    public string Number { get; set; } = "";

    [NotNull]
    public string TargetKind { get; set; } = "";

    [NotNull]
    public string TargetName { get; set; } = "";
}
