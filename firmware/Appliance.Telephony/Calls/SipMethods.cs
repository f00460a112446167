namespace Appliance.Telephony.Calls;

/// <summary>The methods our user agent core accepts, for Allow headers.</summary>
internal static class SipMethods
{
    public const string Allowed = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE";
}
