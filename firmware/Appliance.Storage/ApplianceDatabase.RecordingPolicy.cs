using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The recording policy of each queue.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>Every stored policy, ordered by queue.</summary>
    public IReadOnlyList<RecordingPolicyRow> RecordingPolicies()
        => Run(db => db.Table<RecordingPolicyRow>().OrderBy(p => p.Queue).ToList());

    /// <summary>Adds or replaces the policy of <see cref="RecordingPolicyRow.Queue"/>.</summary>
    public void SaveRecordingPolicy(RecordingPolicyRow policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Run(db => db.InsertOrReplace(policy));
    }

    /// <summary>
    /// How a call answered from <paramref name="queue"/> (null for a call from no queue) is
    /// recorded: from the answer on unless the queue's policy row says otherwise, in the format
    /// that row names, or null when there is no row and <c>Queue.RecordingFormat</c> decides. Read
    /// at each answer, in one query, so a changed policy applies to the next call.
    /// </summary>
    public (bool RecordsAtAnswer, string? Format) RecordingPolicyOf(string? queue)
    {
        var policy = queue is null ? null : Run(db => db.Find<RecordingPolicyRow>(queue));
        return policy is null ? (true, null) : (policy.RecordsAtAnswer, policy.Format);
    }
}
