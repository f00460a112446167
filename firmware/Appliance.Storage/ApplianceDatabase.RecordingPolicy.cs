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
    /// True when a call answered from <paramref name="queue"/> (null for a call from no queue) is
    /// recorded from the answer on: the queue has no policy row, or its mode is <c>all</c>. Read
    /// at each answer, so a changed policy applies to the next call.
    /// </summary>
    public bool RecordsAtAnswer(string? queue)
    {
        if (queue is null)
        {
            return true;
        }

        var policy = Run(db => db.Find<RecordingPolicyRow>(queue));
        return policy is null || policy.RecordsAtAnswer;
    }

    /// <summary>
    /// The format the policy of <paramref name="queue"/> names (<c>wav</c> or <c>opus</c>), or null
    /// when the queue has no policy row and its own <c>Queue.RecordingFormat</c> decides.
    /// </summary>
    public string? RecordingFormatOf(string? queue) =>
        queue is null ? null : Run(db => db.Find<RecordingPolicyRow>(queue))?.Format;
}
