namespace Appliance.Sip.Auth;

/// <summary>Checks on text we put inside quoted header parameters.</summary>
internal static class SipTextChecks
{
    public static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    public static bool IsQuotable(string text) =>
        !HasLineBreak(text) && !text.Contains('"', StringComparison.Ordinal);
}
