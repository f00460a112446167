using System.Net;
using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Tests.Configuration;

public sealed class ApplianceSettingsTests
{
    private static ApplianceSettings Load(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return ApplianceSettings.Load(configuration);
    }

    [Fact]
    public void EmptyConfigurationGivesTheDemoDefaults()
    {
        var settings = Load();

        Assert.Equal(ApplianceProfile.Demo, settings.Profile);
        Assert.Equal(5060, settings.SipPort);
        Assert.Equal(IPAddress.Any, settings.SipBindAddress);
        Assert.Null(settings.SipAdvertisedAddress);
        Assert.Equal((20000, 20999), (settings.RtpPortMin, settings.RtpPortMax));
        Assert.Equal(TimeSpan.FromSeconds(15), settings.DemoRingTimeout);
        Assert.Equal(5, settings.DemoExtensions);
        Assert.Equal(Path.GetFullPath("data"), settings.DataDirectory);
        Assert.Equal("en", settings.PromptLanguage);
    }

    [Fact]
    public void TheBoxsPromptLanguageIsTakenInAnyCase()
    {
        var settings = Load(("Prompts:Language", " ZH "));

        Assert.Equal("zh", settings.PromptLanguage);
    }

    [Fact]
    public void OverridesAreTaken()
    {
        var settings = Load(
            ("Sip:Port", "5070"),
            ("Appliance:Profile", "production"),
            ("Demo:RingTimeout", "00:00:05"));

        Assert.Equal(5070, settings.SipPort);
        Assert.Equal(ApplianceProfile.Production, settings.Profile);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.DemoRingTimeout);
    }

    [Theory]
    [InlineData("Sip:Port", "abc")]
    [InlineData("Sip:Port", "0")]
    [InlineData("Sip:Port", "65536")]
    [InlineData("Sip:BindAddress", "box.local")]
    [InlineData("Sip:AdvertisedAddress", "300.1.1.1")]
    [InlineData("Rtp:PortMin", "80")]
    [InlineData("Rtp:PortMax", "20001")]
    [InlineData("Demo:RingTimeout", "soon")]
    [InlineData("Demo:RingTimeout", "00:00:02.500")]
    [InlineData("Demo:RingTimeout", "01:00:00")]
    [InlineData("Demo:Extensions", "0")]
    [InlineData("Appliance:Profile", "lab")]
    [InlineData("Appliance:Profile", "1")]
    [InlineData("Appliance:DataDirectory", " ")]
    [InlineData("Sip:Port", "20010")]
    [InlineData("Prompts:Language", "fr")]
    public void InvalidValueIsRefusedNamingItsKey(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltKeysAreReportedAndKnownOnesAreNot()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sip:Prot"] = "5000",
                ["Sip:Port"] = "5070",
                ["Demo:RingTimeout"] = "00:00:10",
                ["Serilog:MinimumLevel"] = "Debug",
                ["Board:Terminal"] = "true",
                ["Board:Terminl"] = "true",
                ["Telephony:Supervisors"] = "1001",
                ["Telephony:Supervisor"] = "1001",
                ["Ivr:FlowDirectory"] = "/data/flows",
                ["Dialer:Campaigns:0:Name"] = "renewals",
                ["Dialer:AbandonHold"] = "2",
                ["Dialer:AbandonHld"] = "2",
                ["Recording:RetentionDays"] = "90",
                ["Recording:RetentionDay"] = "90",
                ["Callbacks:MaxAttempts"] = "3",
            })
            .Build();

        var unknown = ApplianceSettings.UnknownKeys(configuration);

        Assert.Equal(["Sip:Prot", "Board:Terminl", "Telephony:Supervisor", "Dialer:AbandonHld",
            "Recording:RetentionDay"], unknown);
    }

    [Fact]
    public void BadPstnKeysAreKeptForTheCardCheckEachWithItsKeyAndTheDefaultInTheirPlace()
    {
        var settings = Load(
            ("Pstn:FxoCallerId", "fsk"),
            ("Pstn:FxoToLineGainDb", "30"),
            ("Pstn:LocalFallbackDid", "900"),
            ("Pstn:Gateway:SipPort", "5060"));

        Assert.Equal(
            ["Pstn:FxoCallerId", "Pstn:LocalFallbackDid", "Pstn:FxoToLineGainDb", "Pstn:Gateway:SipPort"],
            settings.PstnProblems.Select(p => p.Key));
        Assert.Equal(0, settings.PstnFxoToLineGainDb);
        Assert.Contains("is the box's own Sip:Port", settings.PstnProblems[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadKeyOutsidePstnIsReportedTogetherWithTheBadPstnKeys()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(
            ("Sip:Port", "notaport"),
            ("Pstn:Routes:0", "9=e1"),
            ("Pstn:SipTrunkQualify", "maybe")));

        Assert.Equal(["Sip:Port", "Pstn:Routes:0", "Pstn:SipTrunkQualify"], error.Problems.Select(p => p.Key));
        Assert.Equal(3, error.Message.Split(Environment.NewLine).Length);
    }

    [Fact]
    public void TheGatewaySipPortIsTakenAndZeroByDefault()
    {
        Assert.Equal(0, Load().PstnGatewaySipPort);
        Assert.Equal(5070, Load(("Pstn:Gateway:SipPort", "5070")).PstnGatewaySipPort);
        Assert.Empty(Load(("Pstn:Gateway:SipPort", "5070")).PstnProblems);
    }

    [Fact]
    public void TheUpstreamAnswerWaitIsFourSecondsByDefaultAndABadOneIsNamed()
    {
        var unset = Load();
        var set = Load(("Pstn:Gateway:UpstreamAnswerWait", "00:00:10"));
        var tooLong = Load(("Pstn:Gateway:UpstreamAnswerWait", "00:05:00"));
        var garbage = Load(("Pstn:Gateway:UpstreamAnswerWait", "soon"));

        Assert.Equal(TimeSpan.FromSeconds(4), unset.PstnGatewayUpstreamAnswerWait);
        Assert.Equal(TimeSpan.FromSeconds(10), set.PstnGatewayUpstreamAnswerWait);
        var outside = Assert.Single(tooLong.PstnProblems);
        Assert.Equal("Pstn:Gateway:UpstreamAnswerWait", outside.Key);
        Assert.Contains("00:05:00 is outside", outside.Message, StringComparison.Ordinal);
        Assert.Contains(
            "'soon' is not a duration", Assert.Single(garbage.PstnProblems).Message, StringComparison.Ordinal);
    }
}
