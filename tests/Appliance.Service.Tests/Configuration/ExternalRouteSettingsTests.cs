using System.Net;
using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Tests.Configuration;

public sealed class ExternalRouteSettingsTests
{
    private const string Destination = "Telephony:External:Destination";
    private static readonly IPEndPoint s_first = IPEndPoint.Parse("10.0.0.1:5060");
    private static readonly IPEndPoint s_second = IPEndPoint.Parse("10.0.0.2:5070");

    [Fact]
    public void ADestinationGivenAsOneAddressIsAListOfOne()
    {
        var settings = Load(("Telephony:External:Destination", "10.0.0.1:5060"));

        Assert.Equal([s_first], settings.External.Destinations);
    }

    [Fact]
    public void RoutesSeparatedByCommasAreTriedInTheirOrder()
    {
        var settings = Load(
            ("Telephony:External:Destination", "10.0.0.2:5070, 10.0.0.1:5060"),
            ("Telephony:External:Routes:+86", "10.0.0.1:5060,10.0.0.2:5070"));

        Assert.Equal([s_second, s_first], settings.External.Destinations);
        Assert.Equal([s_first, s_second], settings.External.Routes["+86"]);
    }

    [Fact]
    public void RoutesGivenAsIndexedKeysAreTriedInIndexOrder()
    {
        var settings = Load(
            ("Telephony:External:Routes:86:1", "10.0.0.2:5070"),
            ("Telephony:External:Routes:86:0", "10.0.0.1:5060"),
            ("Callbacks:Trunk:0", "10.0.0.2:5070"),
            ("Callbacks:Trunk:1", "10.0.0.1:5060"));

        Assert.Equal([s_first, s_second], settings.External.Routes["86"]);
        Assert.Equal([s_second, s_first], settings.Callbacks.Trunk);
    }

    [Fact]
    public void TheFailoverTimersAreTakenAndDefaultToFourSecondsAndAMinute()
    {
        var defaults = Load();
        var set = Load(
            ("Telephony:External:RouteTimeout", "00:00:01"),
            ("Telephony:External:HoldDown", "00:05:00"));

        Assert.Equal(
            (TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(1)),
            (defaults.External.Failover.RouteTimeout, defaults.External.Failover.HoldDown));
        Assert.Equal(
            (TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            (set.External.Failover.RouteTimeout, set.External.Failover.HoldDown));
    }

    [Theory]
    [InlineData(Destination, "10.0.0.1:5060,carrier.example:5060", Destination)]
    [InlineData(Destination, "10.0.0.1:5060,10.0.0.1:5060", Destination)]
    [InlineData(Destination, "10.0.0.1:5060,", Destination)]
    [InlineData(Destination, "10.1:5060", Destination)]
    [InlineData(Destination, "10.0.0.1:5060,127.1:5070", Destination)]
    [InlineData("Telephony:External:Routes:86", "0x0a.0.0.1:5060", "Telephony:External:Routes:86")]
    [InlineData("Callbacks:Trunk:0", "[::1]:5099", "Callbacks:Trunk:0")]
    [InlineData("Telephony:External:Routes:86:x", "10.0.0.1:5060", "Telephony:External:Routes:86:x")]
    [InlineData("Telephony:External:Routes:86:1", "10.0.0.1", "Telephony:External:Routes:86:1")]
    [InlineData("Callbacks:Trunk", "10.0.0.1:0", "Callbacks:Trunk")]
    [InlineData("Telephony:External:RouteTimeout", "00:01:00", "Telephony:External:RouteTimeout")]
    public void ABadRouteIsRefusedNamingItsKey(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));

        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIPv6RouteIsRefusedOnAnIPv4SocketAndTakenOnAnIPv6One()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((Destination, "[::1]:5099")));
        var settings = Load(("Sip:BindAddress", "::"), (Destination, "[::1]:5099"));

        Assert.Contains($"'{Destination}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("IPv6 route, but SIP listens on IPv4", error.Message, StringComparison.Ordinal);
        Assert.Equal([IPEndPoint.Parse("[::1]:5099")], settings.External.Destinations);
    }

    [Fact]
    public void ADestinationGivenAsOneValueAndAsIndexedKeysIsRefusedNamingItsKey()
    {
        var error = Assert.Throws<ConfigurationException>(
            () => Load((Destination, "10.0.0.1:5060"), ($"{Destination}:0", "10.0.0.2:5070")));

        Assert.Contains($"'{Destination}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("both as one value and as indexed keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACampaignTrunkTakesAListAndABadOneIsRefusedNamingItsKey()
    {
        (string, string)[] campaign =
        [
            ("Dialer:Campaigns:0:Name", "spring"),
            ("Dialer:Campaigns:0:Agents", "1001"),
            ("Dialer:Campaigns:0:Contacts", "contacts.csv"),
        ];

        var settings = Load([.. campaign, ("Dialer:Campaigns:0:Trunk:Destination", "10.0.0.1:5060,10.0.0.2:5070")]);
        var error = Assert.Throws<ConfigurationException>(
            () => Load([.. campaign, ("Dialer:Campaigns:0:Trunk:Destination", "10.0.0.1:5060;10.0.0.2:5070")]));

        Assert.Equal([s_first, s_second], settings.Campaigns[0].Campaign.Trunk.Destinations);
        Assert.Contains("'Dialer:Campaigns:0:Trunk:Destination'", error.Message, StringComparison.Ordinal);
    }

    private static ApplianceSettings Load(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return ApplianceSettings.Load(configuration);
    }
}
