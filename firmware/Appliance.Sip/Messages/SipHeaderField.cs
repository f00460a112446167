namespace Appliance.Sip.Messages;

/// <summary>
/// One header field line: its canonical name and its value, either as text or as the offset and
/// length of the value in the message bytes, not yet decoded.
/// </summary>
internal struct SipHeaderField
{
    public string Name;
    public string? Value;
    public int Start;
    public int Length;

    public static SipHeaderField Text(string name, string value) => new() { Name = name, Value = value };

    public static SipHeaderField Range(string name, int start, int length) =>
        new() { Name = name, Start = start, Length = length };

    /// <summary>Known names are the same string instance, so most checks end at the reference.</summary>
    public readonly bool HasName(string canonicalName) =>
        ReferenceEquals(Name, canonicalName)
        || string.Equals(Name, canonicalName, StringComparison.OrdinalIgnoreCase);
}
