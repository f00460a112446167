using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>The results of outbound campaigns, one row per attempt.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>
    /// Stores an ended attempt; synced to disk before it returns (see the class remarks), so an
    /// attempt that ended is never lost. A second row with the same Call-ID replaces the first.
    /// </summary>
    public void SaveCampaignAttempt(CampaignAttemptRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Run(db =>
        {
            var existing = db.Table<CampaignAttemptRow>().FirstOrDefault(r => r.CallId == row.CallId);
            if (existing is not null)
            {
                row.Id = existing.Id;
                return db.Update(row);
            }

            return db.Insert(row);
        });
    }

    /// <summary>Sets the agent's disposition on the attempt of <paramref name="callId"/>.</summary>
    /// <returns>False when no attempt has that Call-ID.</returns>
    public bool SetCampaignDisposition(string callId, string disposition)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(disposition);
        return Run(db => db.Execute(
            "UPDATE CampaignAttempt SET Disposition = ? WHERE CallId = ?", disposition, callId)) > 0;
    }

    /// <summary>Every attempt of a campaign, oldest first.</summary>
    public IReadOnlyList<CampaignAttemptRow> CampaignAttempts(string campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return Run(db => db.Table<CampaignAttemptRow>()
            .Where(r => r.Campaign == campaign)
            .OrderBy(r => r.Id)
            .ToList());
    }
}
