using Appliance.Board.Profiles;

namespace Appliance.Board.Tests.Profiles;

public sealed class BoardProfilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("board-profiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ShippedProfilesIncludeTheCarrierTheGenericBoxAndTheVirtualBoard()
    {
        var names = BoardProfiles.All.Select(p => p.Name).Order().ToArray();

        Assert.Equal(["cm4-carrier", "generic-x64", "virtual"], names);
    }

    [Fact]
    public void CarrierProfileHasTheLcdBehindThePcf8574AtAddress0x27()
    {
        var carrier = BoardProfiles.Find("cm4-carrier");

        Assert.Equal(new LcdWiring(1, 0x27, 20, 4), carrier.Lcd);
        Assert.Equal(["back", "down", "enter", "up"], carrier.Buttons.Keys.Order().ToArray());
        Assert.Equal(["alarm", "calls", "network", "run"], carrier.Leds.Keys.Order().ToArray());
        Assert.Equal("/dev/watchdog", carrier.Watchdog);
    }

    [Fact]
    public void GenericBoxHasNoPanel()
    {
        var generic = BoardProfiles.Find("generic-x64");

        Assert.Null(generic.Lcd);
        Assert.Empty(generic.Buttons);
        Assert.Empty(generic.Leds);
    }

    [Fact]
    public void AutoPicksTheCarrierFromTheDeviceTreeModel()
    {
        var model = Path.Combine(_folder, "model");
        File.WriteAllText(model, "Raspberry Pi Compute Module 4 Rev 1.1\0");

        var profile = BoardProfiles.Choose("auto", model);

        Assert.Equal("cm4-carrier", profile.Name);
    }

    [Fact]
    public void AutoFallsBackToTheGenericBoxWithoutADeviceTree()
    {
        var profile = BoardProfiles.Choose("auto", Path.Combine(_folder, "missing"));

        Assert.Equal("generic-x64", profile.Name);
    }

    [Fact]
    public void AnUnknownProfileNameIsRefusedWithTheKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => BoardProfiles.Choose("pi-zero"));

        Assert.Contains("cm4-carrier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedProfileIsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => BoardProfiles.Parse("{ \"name\": 3"));

        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
    }
}
