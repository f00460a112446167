using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Tests.Configuration;

public sealed class SpanSettingsTests
{
    private static IReadOnlyList<SpanSettings> Load(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return SpanSettings.LoadAll(configuration);
    }

    [Fact]
    public void ADahdiCardIsGivenTheR2AndNetworkSideSpansAsOptions()
    {
        var spans = Load(
            ("Pstn:Spans:1:Signalling", "r2"),
            ("Pstn:Spans:1:R2Variant", "mx"),
            ("Pstn:Spans:1:MaxAni", "0"),
            ("Pstn:Spans:1:Category", "collect-call"),
            ("Pstn:Spans:2:Signalling", "pri-net"));

        var uri = SpanSettings.CardUri("dahdi:/dev/dahdi", spans);

        Assert.Equal("dahdi:/dev/dahdi?span1=r2/MX/0/4/COLLECT_CALL&span2=pri-net", uri);
    }

    [Fact]
    public void ACardWithOnlyUserSideSpansKeepsItsUri()
    {
        var spans = Load(("Pstn:Spans:1:Signalling", "pri-cpe"));

        var uri = SpanSettings.CardUri("dahdi:/dev/dahdi", spans);

        Assert.Equal("dahdi:/dev/dahdi", uri);
    }
}
