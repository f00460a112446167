using Appliance.Drivers.Gsm.Pdu;

namespace Appliance.Drivers.Tests.Gsm.Pdu;

/// <summary>The 7-bit default alphabet, its extension table and septet packing (TS 23.038 §6),
/// against octets worked out by hand.</summary>
public sealed class GsmAlphabetTests
{
    [Fact]
    public void HelloHelloPacksIntoNineOctets()
    {
        Assert.True(GsmAlphabet.TryToSeptets("hellohello", out var septets));

        var packed = GsmAlphabet.Pack(septets, fillBits: 0);

        Assert.Equal("E8329BFD4697D9EC37", Convert.ToHexString(packed));
        Assert.Equal("hellohello", GsmAlphabet.FromSeptets(GsmAlphabet.Unpack(packed, 10, 0)));
    }

    [Fact]
    public void OneFillBitShiftsTheTextOntoTheNextSeptetBoundary()
    {
        Assert.True(GsmAlphabet.TryToSeptets("Hi", out var septets));

        var packed = GsmAlphabet.Pack(septets, fillBits: 1);

        Assert.Equal("9069", Convert.ToHexString(packed));
        Assert.Equal("Hi", GsmAlphabet.FromSeptets(GsmAlphabet.Unpack(packed, 2, 1)));
    }

    [Fact]
    public void EverySeptetButTheEscapeReadsBackToItself()
    {
        var septets = Enumerable.Range(0, 128).Where(s => s != GsmAlphabet.Escape).Select(s => (byte)s).ToArray();

        var text = GsmAlphabet.FromSeptets(septets);

        Assert.Equal(127, text.Length);
        Assert.True(GsmAlphabet.TryToSeptets(text, out var again));
        Assert.Equal(septets, again);
        Assert.Equal("@£$¥", text[..4]);
        Assert.Equal('¤', text[0x24 - 1]); // one place down, past the missing escape
        Assert.Equal('à', text[^1]);
    }

    [Fact]
    public void ExtensionCharactersTakeAnEscapeAndTheirCode()
    {
        Assert.True(GsmAlphabet.TryToSeptets("€[]{}|~^\\", out var septets));

        Assert.Equal(
            new byte[]
            {
                0x1B, 0x65, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x40, 0x1B, 0x3D, 0x1B, 0x14,
                0x1B, 0x2F,
            },
            septets);
        Assert.Equal("€[]{}|~^\\", GsmAlphabet.FromSeptets(septets));
    }

    [Fact]
    public void AnEscapeToACodeTheExtensionLacksReadsAsTheBasicCharacter()
    {
        var text = GsmAlphabet.FromSeptets([0x1B, 0x41, 0x1B]);

        Assert.Equal("A ", text);
    }

    [Theory]
    [InlineData("你好")]
    [InlineData("ç")]
    [InlineData("`")]
    [InlineData("\u001B")]
    public void TextOutsideBothTablesDoesNotFit(string text)
    {
        Assert.False(GsmAlphabet.TryToSeptets(text, out _));
    }
}
