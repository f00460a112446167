namespace Appliance.CallCenter.Records;

/// <summary>How an agent passed a call on to another extension.</summary>
public enum CallTransferKind
{
    /// <summary>Sent on without speaking to the other agent first (REFER, RFC 3515).</summary>
    Blind,

    /// <summary>After a consultation call with the other agent (REFER with Replaces, RFC 3891).</summary>
    Attended,
}
