using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class DoNotCallListTests
{
    [Fact]
    public void ANumberMatchesInAnyFormattingOfTheSameDigits()
    {
        var dnc = new DoNotCallList();

        var added = dnc.Add("+1 (212) 555-0100");

        Assert.True(added);
        Assert.True(dnc.Contains("+12125550100"));
        Assert.True(dnc.Contains("+1.212.555.0100"));
        Assert.False(dnc.Contains("+12125550101"));
        Assert.False(dnc.Contains("not a number"));
    }

    [Fact]
    public void AddingTwiceCountsOnceAndRemoveLiftsTheBlock()
    {
        var dnc = new DoNotCallList();
        dnc.Add("+12125550100");

        var again = dnc.Add("+1 212 555 0100");
        var removed = dnc.Remove("+12125550100");

        Assert.False(again);
        Assert.True(removed);
        Assert.Equal(0, dnc.Count);
        Assert.False(dnc.Contains("+12125550100"));
    }

    [Fact]
    public void AddingTextThatIsNotANumberThrowsNamingIt()
    {
        var dnc = new DoNotCallList();

        var error = Assert.Throws<ArgumentException>(() => dnc.Add("call me"));

        Assert.Contains("call me", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchedulerClosesAContactListedAfterImportInsteadOfDialingIt()
    {
        var builder = new SchedulerBuilder().WithContacts(2);
        builder.DoNotCall.Add(builder.Contacts[0].PhoneNumber);
        var scheduler = builder.Build();

        var took = scheduler.TryTakeNext(SchedulerBuilder.MondayNoonNewYork, out var contact);

        Assert.True(took);
        Assert.Equal("c1", contact!.Id);
        Assert.Equal(ContactStatus.DoNotCall, builder.Contacts[0].Status);
    }
}
