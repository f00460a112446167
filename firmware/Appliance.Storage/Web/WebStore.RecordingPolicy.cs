using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>The recording policy page's table.</summary>
public sealed partial class WebStore
{
    public IReadOnlyList<RecordingPolicyRow> RecordingPolicies() => _database.RecordingPolicies();

    public void SaveRecordingPolicy(RecordingPolicyRow policy) => _database.SaveRecordingPolicy(policy);
}
