using Appliance.Drivers.Gsm.Pdu;

namespace Appliance.Drivers.Tests.Gsm.Pdu;

/// <summary>SMS-SUBMIT PDUs (TS 23.040 §9.2.2.2) against octets worked out by hand: no service
/// centre (00), SMS-SUBMIT with relative validity (11, or 51 with a header), reference 0 left to
/// the module, PID 0, validity A7 (one day).</summary>
public sealed class SmsSubmitWriterTests
{
    [Fact]
    public void AShortGsmTextIsOnePduInSevenBit()
    {
        var parts = SmsSubmitWriter.Write("+8613912345678", "hellohello", reference: 1);

        var part = Assert.Single(parts);
        Assert.Equal("00" + "1100" + "0D91683119325476F8" + "0000A7" + "0A" + "E8329BFD4697D9EC37", part.Hex);
        Assert.Equal(24, part.TpduLength);
    }

    [Fact]
    public void ChineseTextIsOnePduInUcs2ToANationalNumber()
    {
        var parts = SmsSubmitWriter.Write("13800138000", "你好", reference: 1);

        var part = Assert.Single(parts);
        Assert.Equal("00" + "1100" + "0B813108108300F0" + "0008A7" + "04" + "4F60597D", part.Hex);
        Assert.Equal(18, part.TpduLength);
    }

    [Fact]
    public void TwoHundredChineseCharactersGoInThreePartsOfSixtySevenWithOneReference()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => (char)(0x4E00 + i)));

        var parts = SmsSubmitWriter.Write("+8613900139000", text, reference: 0x2A);

        Assert.Equal(3, parts.Count);
        for (var i = 0; i < 3; i++)
        {
            var hex = parts[i].Hex;
            Assert.StartsWith("00" + "5100" + "0D91683109109300F0" + "0008A7", hex, StringComparison.Ordinal);
            var udl = Convert.ToInt32(hex[30..32], 16);
            Assert.Equal($"0500032A03{i + 1:X2}", hex[32..44]);
            Assert.Equal(6 + (2 * (i < 2 ? 67 : 66)), udl);
            Assert.Equal(text.Substring(i * 67, i < 2 ? 67 : 66), System.Text.Encoding.BigEndianUnicode.GetString(
                Convert.FromHexString(hex[44..])));
            Assert.Equal((hex.Length / 2) - 1, parts[i].TpduLength);
        }
    }

    [Fact]
    public void ALongGsmTextGoesInPartsOf153SeptetsAfterAHeaderAndOneFillBit()
    {
        var text = new string('a', 161);

        var parts = SmsSubmitWriter.Write("13800138000", text, reference: 7);

        Assert.Equal(2, parts.Count);
        Assert.Equal("A0", parts[0].Hex[28..30]);
        Assert.Equal("0F", parts[1].Hex[28..30]);
        var septets = GsmAlphabet.Unpack(Convert.FromHexString(parts[1].Hex[42..]), 8, fillBits: 1);
        Assert.Equal("aaaaaaaa", GsmAlphabet.FromSeptets(septets));
    }

    [Fact]
    public void AnEscapeAndItsCodeAreNeverSplitBetweenParts()
    {
        var text = new string('a', 152) + "€" + new string('b', 10);

        var parts = SmsSubmitWriter.Write("13800138000", text, reference: 7);

        Assert.Equal(2, parts.Count);
        Assert.Equal(7 + 152, Convert.ToInt32(parts[0].Hex[28..30], 16));
        Assert.Equal(7 + 12, Convert.ToInt32(parts[1].Hex[28..30], 16));
    }

    [Fact]
    public void ASurrogatePairIsNeverSplitBetweenParts()
    {
        var text = new string('中', 66) + "😀" + new string('文', 10);

        var parts = SmsSubmitWriter.Write("13800138000", text, reference: 7);

        Assert.Equal(2, parts.Count);
        Assert.Equal(6 + (2 * 66), Convert.ToInt32(parts[0].Hex[28..30], 16));
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("138-0013", "text")]
    [InlineData("+", "text")]
    public void ABadNumberIsRefused(string number, string text)
    {
        Assert.Throws<ArgumentException>(() => SmsSubmitWriter.Write(number, text, reference: 1));
    }

    [Fact]
    public void TextNeedingMoreThanTenPartsIsRefused()
    {
        var text = new string('中', (67 * 10) + 1);

        var error = Assert.Throws<ArgumentException>(
            () => SmsSubmitWriter.Write("13800138000", text, reference: 1));

        Assert.Contains("11 messages", error.Message, StringComparison.Ordinal);
    }
}
