using Appliance.Storage.Rows;

namespace Appliance.Storage.Tests;

/// <summary>The box's time zone as the wizard stores it, read into the business calendar.</summary>
[Trait("Category", "Integration")]
public sealed class StoredTimeZoneTests
{
    [Fact]
    public void TheCalendarCarriesTheStoredZone()
    {
        using var temp = new TempDatabase();
        temp.Database.SetSetting(SettingRow.TimeZoneKey, "Asia/Shanghai");

        var calendar = temp.Database.Calendar();

        Assert.Equal("Asia/Shanghai", calendar.Zone?.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void WithoutAZoneTheMachineKnowsTheCalendarHasNone(string? stored)
    {
        using var temp = new TempDatabase();
        if (stored is not null)
        {
            temp.Database.SetSetting(SettingRow.TimeZoneKey, stored);
        }

        var zone = temp.Database.StoredTimeZone();

        Assert.Null(zone);
        Assert.Null(temp.Database.Calendar().Zone);
    }
}
