using Appliance.Sip.Messages;
using Appliance.Telephony.Calls;

namespace Appliance.Telephony.Tests.Calls;

/// <summary>The caller's number a call takes from its INVITE's From, for logs, lookups and the record.</summary>
public sealed class CallerNumberTests
{
    [Theory]
    [InlineData("<sip:%2B445550101@192.0.2.1>;tag=a", "+445550101")]
    [InlineData("<sip:%2b445550101@192.0.2.1>;tag=a", "+445550101")]
    [InlineData("<sip:+445550101@192.0.2.1>;tag=a", "+445550101")]
    [InlineData("<sip:%35551234@192.0.2.1>;tag=a", "5551234")]
    [InlineData("<sip:555%0d%0a1234@192.0.2.1>;tag=a", "5551234")]
    [InlineData("<sip:192.0.2.1>;tag=a", "anonymous")]
    [InlineData("<http://www.example.com>;tag=a", "anonymous")]
    public void TheFromUserIsUnescapedAndReducedToDialCharacters(string from, string number)
    {
        var invite = new SipRequest("INVITE", SipUri.Parse("sip:100@192.0.2.9"));
        invite.Headers.Add("From", from);

        var caller = Call.CallerNumberOf(invite);

        Assert.Equal(number, caller);
    }
}
