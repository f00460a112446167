using System.Net;
using Appliance.Service.Configuration;
using Appliance.Service.SipTrunks;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Tests.SipTrunks;

public sealed class CarrierTrunkSettingsTests
{
    [Fact]
    public void NoTrunksAndTheSystemResolversByDefault()
    {
        var settings = Load();

        Assert.Empty(settings.Trunks);
        Assert.Empty(settings.DnsServers);
    }

    [Fact]
    public void ARegisteringTrunkAndTheDnsServersAreTaken()
    {
        var settings = Load(
            ("Sip:Dns:Servers", "127.0.0.1:5353, 192.0.2.53"),
            ("Sip:Trunks:0:Name", "carrier"),
            ("Sip:Trunks:0:Host", "sip.carrier.example"),
            ("Sip:Trunks:0:Register", "yes"),
            ("Sip:Trunks:0:User", "box"),
            ("Sip:Trunks:0:Password", "secret"),
            ("Sip:Trunks:0:Expires", "00:10:00"),
            ("Sip:Trunks:0:Qualify", "00:00:30"));

        var trunk = Assert.Single(settings.Trunks);
        Assert.Equal(("carrier", "sip.carrier.example", true, "box"), (trunk.Name, trunk.Host, trunk.Register, trunk.User));
        Assert.Null(trunk.Port);
        Assert.Equal(TimeSpan.FromMinutes(10), trunk.Expires);
        Assert.Equal(TimeSpan.FromSeconds(30), trunk.QualifyInterval);
        Assert.Equal([IPEndPoint.Parse("127.0.0.1:5353"), IPEndPoint.Parse("192.0.2.53:53")], settings.DnsServers);
    }

    [Theory]
    [InlineData("Sip:Trunks:0:Register", "maybe", "Sip:Trunks:0:Register")]
    [InlineData("Sip:Trunks:0:Port", "70000", "Sip:Trunks:0:Port")]
    [InlineData("Sip:Trunks:0:Expires", "00:00:10", "Sip:Trunks:0:Expires")]
    [InlineData("Sip:Dns:Servers", "dns.example", "Sip:Dns:Servers")]
    public void BadValueIsRefusedNamingItsKey(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(
            ("Sip:Trunks:0:Name", "carrier"),
            ("Sip:Trunks:0:Host", "carrier.example"),
            (key, value)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARegisteringTrunkWithoutAUserIsRefused()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(
            ("Sip:Trunks:0:Name", "carrier"),
            ("Sip:Trunks:0:Host", "carrier.example"),
            ("Sip:Trunks:0:Register", "yes")));

        Assert.Contains("Sip:Trunks:0:User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrunkKeysAreNotReportedAsUnknown()
    {
        var configuration = Build(("Sip:Trunks:0:Name", "carrier"), ("Sip:Dns:Servers", "127.0.0.1"));

        Assert.Empty(ApplianceSettings.UnknownKeys(configuration));
    }

    private static CarrierTrunkSettings Load(params (string Key, string Value)[] values) =>
        ApplianceSettings.Load(Build(values)).CarrierTrunks;

    private static IConfiguration Build(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
