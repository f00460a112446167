using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>
/// The whole call-routing configuration as one document (the admin page's backup download):
/// every row of the configuration tables. Users, tokens, the audit log and call records are not
/// part of it: a restore must not change who may log in, nor rewrite history.
/// </summary>
public sealed class ConfigurationBackup
{
    /// <summary>Format version; a restore refuses another.</summary>
    public int Version { get; set; } = 1;

    public List<ExtensionRow> Extensions { get; set; } = [];

    public List<TrunkRow> Trunks { get; set; } = [];

    public List<DidRow> Dids { get; set; } = [];

    public List<QueueRow> Queues { get; set; } = [];

    public List<QueueMemberRow> Members { get; set; } = [];

    public List<IvrMenuRow> Menus { get; set; } = [];
}
