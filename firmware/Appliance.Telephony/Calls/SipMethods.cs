namespace Appliance.Telephony.Calls;

/// <summary>The methods and extensions our user agent core accepts, for Allow and Supported.</summary>
internal static class SipMethods
{
    public const string Allowed = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, PRACK, INFO, REFER";

    /// <summary>Option tags (RFC 3261 §19.2) of the extensions we implement.</summary>
    public const string Supported = "100rel, timer";

    public static bool IsSupportedOption(string tag) =>
        string.Equals(tag, "100rel", StringComparison.OrdinalIgnoreCase)
        || string.Equals(tag, "timer", StringComparison.OrdinalIgnoreCase);
}
