using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>Text messages through the GSM modules: received ones, and outgoing ones held until a
/// module accepts them (store and forward).</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>Stores a message and returns it with its id.</summary>
    public SmsRow SaveSms(SmsRow message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.Number, nameof(message));

        return Run(db =>
        {
            db.Insert(message);
            return message;
        });
    }

    /// <summary>Writes back a message's state, attempts and reference.</summary>
    public void UpdateSms(SmsRow message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Run(db => db.Update(message));
    }

    /// <summary>The newest <paramref name="count"/> messages, both ways, newest first.</summary>
    public IReadOnlyList<SmsRow> RecentSms(int count) =>
        Run(db => db.Table<SmsRow>().OrderByDescending(s => s.Id).Take(Math.Clamp(count, 1, 1000)).ToList());

    /// <summary>Outgoing messages still waiting for a module, oldest first, due by
    /// <paramref name="nowUtc"/>.</summary>
    public IReadOnlyList<SmsRow> DueSms(DateTime nowUtc) =>
        Run(db => db.Table<SmsRow>()
            .Where(s => s.State == SmsRow.Queued && s.NextAttemptUtc <= nowUtc)
            .OrderBy(s => s.Id)
            .ToList());
}
