using System.Globalization;
using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

/// <summary>Builds a scheduler over numbered contacts ("c0", "c1", ...) in chosen zones.</summary>
internal sealed class SchedulerBuilder
{
    /// <summary>12:00 in New York (EST, UTC−5) on Monday 6 January 2025.</summary>
    public static readonly DateTimeOffset MondayNoonNewYork = new(2025, 1, 6, 17, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public ContactList Contacts { get; } = new();

    public DoNotCallList DoNotCall { get; } = new();

    public CallingHours Hours { get; set; } = CallingHours.Default;

    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    public SchedulerBuilder WithContacts(int count, TimeZoneInfo? zone = null)
    {
        for (var i = 0; i < count; i++)
        {
            var n = Contacts.Count;
            Contacts.TryAdd(new Contact($"c{n}", "+1212555" + (1000 + n).ToString(CultureInfo.InvariantCulture),
                zone ?? NewYork));
        }

        return this;
    }

    public CampaignScheduler Build() => new(Contacts, DoNotCall, Hours, Retry);
}
