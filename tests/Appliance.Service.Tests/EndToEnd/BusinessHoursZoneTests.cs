using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Business hours follow the time zone the setup wizard stores, not the machine's: the box is
/// given zone Asia/Shanghai or America/New_York (whichever is not near midnight now) and a schedule
/// "office" open two hours around the present time of day there, every day, which the machine's
/// own clock (UTC here) is outside of; the flow sends open calls to support and closed ones to
/// sales, and a SIPp call lands in support.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BusinessHoursZoneTests
{
    private const string ByOfficeHours =
        """{ "name": "main", "version": 2, "start": "hours", "nodes": [ """
        + """{ "id": "hours", "type": "condition", "schedule": "office", "then": "support", "else": "sales" }, """
        + """{ "id": "support", "type": "queue", "queue": "support" }, """
        + """{ "id": "sales", "type": "queue", "queue": "sales" } ] }""";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AScheduleOpenAtThisHourOfTheStoredZoneSendsTheCallDownItsOpenBranch()
    {
        var zone = ZoneAwayFromMidnight(DateTimeOffset.UtcNow);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var machine = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.Local);
        var hours = string.Create(
            CultureInfo.InvariantCulture,
            $"{local.Hour - 1:D2}:{local.Minute:D2}-{local.Hour + 1:D2}:{local.Minute:D2}");
        await using var seeded = await ApplianceProcess.StartAsync();
        await using var service = await QueueWaitingTests.ConfigureAsync(
            seeded,
            $"INSERT OR REPLACE INTO Setting (Key, Value) VALUES ('web.timeZone', '{zone.Id}')",
            $"INSERT INTO BusinessSchedule (Name, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday) "
                + $"VALUES ('office', '{hours}', '{hours}', '{hours}', '{hours}', '{hours}', '{hours}', '{hours}')",
            $"UPDATE IvrFlow SET Version = 2, Json = '{ByOfficeHours}' WHERE Name = 'main'",
            "UPDATE Queue SET RefuseWhen = 'never', LeaveWhen = 'never'");
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-hours-zone-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "1000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(10));

        var why = $"\nZone {zone.Id} at {local:HH:mm}, open {hours}\nService:\n{service.Output}";
        Assert.True(
            Math.Abs((local.TimeOfDay - machine.TimeOfDay).TotalHours) >= 2,
            "The machine's own zone is too near the stored one to tell them apart." + why);
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.NotNull(cdr);
        Assert.True(cdr.Queue == "support", cdr + why);
    }

    // Shanghai (UTC+8) and New York (UTC-5 or -4) are 12 or 13 hours apart, so one of them is
    // between 02:00 and 22:00, where a two-hour window around now stays inside the day.
    private static TimeZoneInfo ZoneAwayFromMidnight(DateTimeOffset now)
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var hour = TimeZoneInfo.ConvertTime(now, shanghai).Hour;
        return hour is >= 2 and < 22 ? shanghai : TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    }
}
