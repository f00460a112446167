using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>
/// The whole configuration as one document (the admin page's backup download): every row of the
/// configuration tables. Users, tokens, the audit log and call records are not part of it: a
/// restore must not change who may log in, nor rewrite history.
/// </summary>
/// <remarks>
/// Version 1 held the six routing tables only; a version-1 file restores those and leaves the
/// tables added in version 2 as they are, so an old backup does not wipe them.
/// </remarks>
public sealed class ConfigurationBackup
{
    /// <summary>The format version <see cref="WebStore.Export"/> writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Format version; a restore refuses one it does not know.</summary>
    public int Version { get; set; } = CurrentVersion;

    public List<ExtensionRow> Extensions { get; set; } = [];

    public List<TrunkRow> Trunks { get; set; } = [];

    public List<DidRow> Dids { get; set; } = [];

    public List<QueueRow> Queues { get; set; } = [];

    public List<QueueMemberRow> Members { get; set; } = [];

    public List<IvrMenuRow> Menus { get; set; } = [];

    public List<AgentSkillRow> Skills { get; set; } = [];

    public List<NotReadyReasonRow> Reasons { get; set; } = [];

    public List<DispositionCodeRow> Dispositions { get; set; } = [];

    public List<BusinessScheduleRow> Schedules { get; set; } = [];

    public List<HolidayRow> Holidays { get; set; } = [];

    public List<RecordingPolicyRow> RecordingPolicies { get; set; } = [];

    /// <summary>The IVR flow documents. <see cref="WebStore.Import"/> leaves table <c>IvrFlow</c>
    /// alone: a flow goes back through the running box's flow library, which checks and stores it.</summary>
    public List<IvrFlowRow> Flows { get; set; } = [];

    /// <summary>The box-wide settings an admin sets (keys in <see cref="WebStore.BackedUpSettings"/>).</summary>
    public List<SettingRow> Settings { get; set; } = [];
}
