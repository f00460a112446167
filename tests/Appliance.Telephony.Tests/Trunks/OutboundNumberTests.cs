using Appliance.Drivers.Cards;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Tests.Trunks;

public sealed class OutboundNumberTests
{
    [Theory]
    [InlineData("13900139000")]
    [InlineData("*99#")]
    [InlineData("+4930123456")]
    [InlineData("1234567890123456789012345678901")]
    public void ANumberMadeOfDialCharactersMayBeDialled(string number)
    {
        var problem = OutboundNumber.Problem(number);

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("12a34", "'a' at position 3")]
    [InlineData("abc", "'a' at position 1")]
    [InlineData("030-1234", "'-' at position 4")]
    [InlineData("49+30", "'+' at position 3")]
    [InlineData("12\"3", "U+0022 at position 3")]
    [InlineData("", "no number")]
    [InlineData("+", "no number")]
    [InlineData("12345678901234567890123456789012345", "35 characters is more than the 31")]
    public void ANumberATrunkWouldHaveToAlterIsRefusedSayingWhy(string number, string expected)
    {
        var problem = OutboundNumber.Problem(number);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortKind.Fxo, false)]
    [InlineData(PortKind.E1R2, false)]
    [InlineData(PortKind.E1Pri, true)]
    [InlineData(PortKind.Gsm, true)]
    public void OnlyLinesThatCanSignalItTakeAnInternationalPlus(PortKind kind, bool dialable)
    {
        var problem = OutboundNumber.ProblemOn("+4930123456", kind);

        Assert.Equal(dialable, problem is null);
    }

    [Fact]
    public void APlusOnACardBecomesTheInternationalTypeOfNumberNotADroppedCharacter()
    {
        var number = OutboundNumber.ForCard("+4930123456");

        Assert.Equal(new PhoneNumber("4930123456", TypeOfNumber.International, NumberingPlan.Isdn), number);
    }
}
