using Appliance.Service.Configuration;
using Appliance.Sip.Auth;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Tests.Configuration;

public sealed class SipTransportSettingsTests
{
    [Fact]
    public void StreamListenersAreOffAndMd5AloneIsOfferedByDefault()
    {
        var settings = Load();

        Assert.Equal((0, 0, 0, 0), (settings.TcpPort, settings.TlsPort, settings.WsPort, settings.WssPort));
        Assert.Equal([DigestAlgorithm.Md5], settings.DigestAlgorithms);
        Assert.Null(settings.TlsCertificate);
    }

    [Fact]
    public void ThePerSourceLimitIsTwoThousandMessagesASecondUnlessSet()
    {
        var defaults = Load();
        var set = Load(("Sip:MessagesPerSecondPerSource", "5000"));

        Assert.Equal((2000, 5000), (defaults.MessagesPerSecondPerSource, set.MessagesPerSecondPerSource));
    }

    [Fact]
    public void PortsAndAlgorithmsAreTaken()
    {
        var settings = Load(
            ("Sip:TcpPort", "5060"),
            ("Sip:TlsPort", "5061"),
            ("Sip:WsPort", "8088"),
            ("Sip:DigestAlgorithms", "SHA-256, md5"));

        Assert.Equal((5060, 5061, 8088), (settings.TcpPort, settings.TlsPort, settings.WsPort));
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], settings.DigestAlgorithms);
    }

    [Theory]
    [InlineData("Sip:TlsPort", "5060", "Sip:TlsPort")]
    [InlineData("Sip:WsPort", "70000", "Sip:WsPort")]
    [InlineData("Sip:DigestAlgorithms", "SHA-1", "Sip:DigestAlgorithms")]
    [InlineData("Sip:Tls:Certificate", "/nonexistent/sip.pfx", "Sip:Tls:Certificate")]
    [InlineData("Sip:MessagesPerSecondPerSource", "5", "Sip:MessagesPerSecondPerSource")]
    [InlineData("Sip:MessagesPerSecondPerSource", "lots", "Sip:MessagesPerSecondPerSource")]
    public void BadValueIsRefusedNamingItsKey(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(("Sip:TcpPort", "5060"), (key, value)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransportKeysAreNotReportedAsUnknown()
    {
        var configuration = Build(("Sip:TcpPort", "5060"), ("Sip:Tls:Certificate", "x.pfx"), ("Sip:WssPort", "1"));

        Assert.Empty(ApplianceSettings.UnknownKeys(configuration));
    }

    private static SipTransportSettings Load(params (string Key, string Value)[] values) =>
        ApplianceSettings.Load(Build(values)).SipTransports;

    private static IConfiguration Build(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
