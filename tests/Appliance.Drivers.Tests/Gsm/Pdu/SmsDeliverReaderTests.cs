using Appliance.Drivers.Gsm.Pdu;

namespace Appliance.Drivers.Tests.Gsm.Pdu;

/// <summary>
/// SMS-DELIVER PDUs (TS 23.040 §9.2.2.1) worked out by hand from the spec: service centre
/// +8613800100500 (0891683108100005F0), time stamp 2026-12-03 20:15:00 +08:00 (62213002510023).
/// </summary>
public sealed class SmsDeliverReaderTests
{
    private const string Centre = "0891683108100005F0";
    private const string Stamp = "62213002510023";
    private const string National = "0B813108108300F0";

    [Fact]
    public void SevenBitMessageFromAnInternationalNumberIsRead()
    {
        var pdu = Centre + "04" + "0D91683119325476F8" + "0000" + Stamp + "0A" + "E8329BFD4697D9EC37";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("+8613800100500", message.ServiceCentre);
        Assert.Equal("+8613912345678", message.Originator);
        Assert.Equal(SmsDataCoding.Gsm7, message.Coding);
        Assert.Equal("hellohello", message.Text);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 20, 15, 0, TimeSpan.FromHours(8)), message.ServiceCentreTime);
        Assert.Equal("26/12/03,20:15:00+32", message.ServiceCentreTimeText);
        Assert.Null(message.Part);
    }

    [Fact]
    public void Ucs2ChineseFromANationalNumberWithoutServiceCentreIsRead()
    {
        var pdu = "00" + "04" + National + "0008" + Stamp + "04" + "4F60597D";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("", message.ServiceCentre);
        Assert.Equal("13800138000", message.Originator);
        Assert.Equal(SmsDataCoding.Ucs2, message.Coding);
        Assert.Equal("你好", message.Text);
    }

    [Fact]
    public void AServiceNumberBalanceMessageAsAQuectelPrintsItIsRead()
    {
        // +CMT: "",42 then this line: China Mobile's 10086 (5 digits, national, 0xA1) in UCS-2,
        // in the lower-case hex some firmware prints.
        var pdu = (Centre + "04" + "05A10180F6" + "0008" + Stamp + "1A"
            + "60A876848BDD8D394F59989D4E3A00310032002E003500305143").ToLowerInvariant();

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("10086", message.Originator);
        Assert.Equal("您的话费余额为12.50元", message.Text);
        Assert.Equal(42, (pdu.Length / 2) - 9);
    }

    [Fact]
    public void AnAlphanumericSenderIsReadAsItsName()
    {
        var pdu = "00" + "04" + "07D0C2B07B0D" + "0000" + Stamp + "05" + "C8329BFD06";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("Bank", message.Originator);
        Assert.Equal("Hello", message.Text);
    }

    [Fact]
    public void AnExtensionCharacterIsReadThroughTheEscape()
    {
        var pdu = "00" + "04" + National + "0000" + Stamp + "03" + "9B720D";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("€5", message.Text);
    }

    [Fact]
    public void EightBitDataIsReadOneCharacterAnOctet()
    {
        var pdu = "00" + "04" + National + "0004" + Stamp + "03" + "4142FF";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal(SmsDataCoding.EightBit, message.Coding);
        Assert.Equal("AB\u00FF", message.Text);
    }

    [Fact]
    public void ANegativeZoneCarriesItsSignInBitThree()
    {
        var pdu = "00" + "04" + National + "0000" + "6221300251000A" + "0A" + "E8329BFD4697D9EC37";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal(TimeSpan.FromHours(-5), message.ServiceCentreTime.Offset);
        Assert.Equal("26/12/03,20:15:00-20", message.ServiceCentreTimeText);
    }

    [Fact]
    public void ASevenBitPartWithAnEightBitReferenceSkipsTheHeaderAndItsFillBit()
    {
        var pdu = "00" + "44" + National + "0000" + Stamp + "09" + "0500032A0201" + "9069";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("Hi", message.Text);
        Assert.Equal(new SmsConcatenation(0x2A, 2, 1), message.Part);
    }

    [Fact]
    public void AUcs2PartWithASixteenBitReferenceIsRead()
    {
        var pdu = "00" + "44" + National + "0008" + Stamp + "09" + "06080412340202" + "597D";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Equal("好", message.Text);
        Assert.Equal(new SmsConcatenation(0x1234, 2, 2), message.Part);
    }

    [Fact]
    public void AConcatenationElementWithSequenceZeroIsIgnored()
    {
        var pdu = "00" + "44" + National + "0008" + Stamp + "08" + "0500032A0200" + "597D";

        Assert.True(SmsDeliverReader.TryRead(pdu, out var message, out var error), error);

        Assert.Null(message.Part);
        Assert.Equal("好", message.Text);
    }

    [Theory]
    [InlineData("", "hex")]
    [InlineData("0G", "hex")]
    [InlineData("000", "hex")]
    [InlineData("0004", "ends")]
    [InlineData("00110B813108108300F00000A70A", "SMS-DELIVER")]
    [InlineData("00040B813108108300F0000862213002510023104F60", "user data length")]
    [InlineData("00040B813108108300F0002062213002510023024F60", "compressed")]
    public void AMalformedPduIsRefusedWithTheReason(string pdu, string reason)
    {
        var read = SmsDeliverReader.TryRead(pdu, out var message, out var error);

        Assert.False(read);
        Assert.Null(message);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCutOfAPduIsRefusedWithoutThrowing()
    {
        var pdu = Centre + "44" + National + "0008" + Stamp + "09" + "06080412340201" + "4F60";

        for (var length = 2; length < pdu.Length; length += 2)
        {
            var read = SmsDeliverReader.TryRead(pdu[..length], out _, out var error);

            Assert.False(read, $"a PDU cut at {length} digits was read");
            Assert.NotNull(error);
        }
    }
}
