namespace Appliance.Telephony.Trunks;

/// <summary>Why an INVITE sent through a trunk ended without an answer.</summary>
public enum OutboundCause
{
    /// <summary>The far end is busy (486 Busy Here, 600 Busy Everywhere).</summary>
    Busy,

    /// <summary>It rang out: 480 or 603, or the ring limit cancelled it (487, or 408 with no reply).</summary>
    NoAnswer,

    /// <summary>The trunk or network failed it: 5xx, or 408 before the ring limit.</summary>
    Unavailable,

    /// <summary>Refused for the number itself or the request (404, 484, 403 and the other 4xx and 6xx).</summary>
    Rejected,
}
