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

    [Theory]
    [InlineData("pri-cpe", "R2Variant", "ITU")]
    [InlineData("pri-net", "MaxAni", "5")]
    [InlineData(null, "Category", "collect-call")]
    public void AnR2FieldOnAPriSpanIsRefusedNamingTheField(string? signalling, string field, string value)
    {
        var values = new List<(string, string)> { ($"Pstn:Spans:1:{field}", value) };
        if (signalling is not null)
        {
            values.Add(("Pstn:Spans:1:Signalling", signalling));
        }

        var error = Assert.Throws<ConfigurationException>(() => Load([.. values]));

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"Pstn:Spans:1:{field}", problem.Key);
        Assert.Contains("belongs to an R2 span (Signalling: r2)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadFieldOfEverySpanIsNamedAtOnce()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(
            ("Pstn:Spans:0:Signalling", "r2"),
            ("Pstn:Spans:0:R2Variant", "XX"),
            ("Pstn:Spans:0:MaxDnis", "0"),
            ("Pstn:Spans:1:Signalling", "r1"),
            ("Pstn:Spans:20:Signalling", "r2")));

        Assert.Equal(
            ["Pstn:Spans:0:R2Variant", "Pstn:Spans:0:MaxDnis", "Pstn:Spans:1:Signalling", "Pstn:Spans:20"],
            error.Problems.Select(p => p.Key));
    }
}
