using Appliance.Web.Admin;
using Appliance.Web.Api;

namespace Appliance.Web.Tests.Api;

public sealed class GsmModuleCheckTests
{
    [Theory]
    [InlineData("Pstn:Gsm:0:Pin", true)]
    [InlineData("Pstn:Gsm:7:SmsPartsTimeout", true)]
    [InlineData("Pstn:Gsm:8:Port", false)]
    [InlineData("Pstn:Gsm:x:Port", false)]
    [InlineData("Pstn:Gsm:0:Imei", false)]
    [InlineData("Pstn:Gsm:0", false)]
    [InlineData("Pstn:LineDid", false)]
    public void OnlyAModuleNumberAndAKnownFieldMakeAGsmKey(string key, bool expected)
    {
        Assert.Equal(expected, GsmModuleCheck.TryParse(key, out _, out _));
    }

    [Fact]
    public void AModuleWithItsDevicesAndAPinPasses()
    {
        var errors = new FieldErrors();

        GsmModuleCheck.Check(errors, new Dictionary<string, string>
        {
            ["Pstn:Gsm:0:Name"] = "gsm-a",
            ["Pstn:Gsm:0:Port"] = "/dev/ttyUSB2",
            ["Pstn:Gsm:0:VoicePort"] = "/dev/ttyUSB4",
            ["Pstn:Gsm:0:Pin"] = "0000",
            ["Pstn:Gsm:0:Style"] = "simcom",
            ["Pstn:Gsm:0:SmsPartsTimeout"] = "00:05:00",
        }, new HashSet<int> { 0 });

        Assert.False(errors.Any, errors.Summary);
    }

    [Theory]
    [InlineData("Pstn:Gsm:1:Name", "gsm-a", "Pstn:Gsm:1:Name", "is the name of module 0 too")]
    [InlineData("Pstn:Gsm:1:Port", "/dev/ttyUSB4", "Pstn:Gsm:1:Port", "already a port of module 0")]
    [InlineData("Pstn:Gsm:1:Port", "", "Pstn:Gsm:1:Port", "is required")]
    [InlineData("Pstn:Gsm:1:BaudRate", "300", "Pstn:Gsm:1:BaudRate", "from 1200 to 4000000")]
    [InlineData("Pstn:Gsm:1:Style", "Huawei", "Pstn:Gsm:1:Style", "not one of Quectel, Simcom")]
    [InlineData("Pstn:Gsm:1:SmsMode", "binary", "Pstn:Gsm:1:SmsMode", "not one of Pdu, Text")]
    [InlineData("Pstn:Gsm:1:SmsPartsTimeout", "02:00:00", "Pstn:Gsm:1:SmsPartsTimeout", "from 00:00:01 to 01:00:00")]
    [InlineData("Pstn:Gsm:1:Did", "+100", "Pstn:Gsm:1:Did", "up to 20 digits")]
    [InlineData("Pstn:Gsm:1:Group", "mobile net", "Pstn:Gsm:1:Group", "letters, digits and dashes")]
    [InlineData("Pstn:Gsm:1:Pin", "12a4", "Pstn:Gsm:1:Pin", "4 to 8 digits")]
    public void ABadModuleSettingIsRefusedUnderItsKey(string key, string value, string field, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["Pstn:Gsm:0:Name"] = "gsm-a",
            ["Pstn:Gsm:0:Port"] = "/dev/ttyUSB2",
            ["Pstn:Gsm:0:VoicePort"] = "/dev/ttyUSB4",
            ["Pstn:Gsm:1:Name"] = "gsm-b",
            ["Pstn:Gsm:1:Port"] = "/dev/ttyUSB6",
            ["Pstn:Gsm:1:VoicePort"] = "/dev/ttyUSB8",
            [key] = value,
        };
        var errors = new FieldErrors();

        GsmModuleCheck.Check(errors, settings, new HashSet<int>(key.EndsWith(":Pin", StringComparison.Ordinal) ? [1] : []));

        Assert.Equal(field, errors.FirstField);
        Assert.Contains(message, errors.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void APinNotGivenByTheFormIsNotCheckedAgain()
    {
        var errors = new FieldErrors();

        GsmModuleCheck.Check(errors, new Dictionary<string, string>
        {
            ["Pstn:Gsm:0:Port"] = "/dev/ttyUSB2",
            ["Pstn:Gsm:0:VoicePort"] = "/dev/ttyUSB4",
            ["Pstn:Gsm:0:Pin"] = "(set)",
        }, new HashSet<int>());

        Assert.False(errors.Any, errors.Summary);
    }
}
