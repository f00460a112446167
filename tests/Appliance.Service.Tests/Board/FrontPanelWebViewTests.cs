using Appliance.Board.Profiles;
using Appliance.Service.Board;

namespace Appliance.Service.Tests.Board;

public sealed class FrontPanelWebViewTests
{
    [Fact]
    public void BoardWithoutDisplayGivesTheWebNoPanel()
    {
        var profile = BoardProfiles.Find("generic-x64");

        var view = FrontPanelWebView.For(profile);

        Assert.Null(view);
    }

    [Theory]
    [InlineData("virtual")]
    [InlineData("cm4-carrier")]
    public void BoardWithDisplayGivesTheWebAPanelThatReadsEmptyUntilAttached(string name)
    {
        var profile = BoardProfiles.Find(name);

        var view = FrontPanelWebView.For(profile);

        Assert.NotNull(view);
        Assert.Empty(view.Lines);
        Assert.Empty(view.Leds);
        Assert.True(view.Press("enter", longPress: false));
    }
}
