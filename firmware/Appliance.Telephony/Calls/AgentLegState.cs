namespace Appliance.Telephony.Calls;

/// <summary>The life of the leg that rings an agent's phone.</summary>
internal enum AgentLegState
{
    /// <summary>INVITE sent, no final response yet.</summary>
    Ringing,

    /// <summary>The offer was withdrawn; CANCEL sent, waiting for the final response.</summary>
    Cancelling,

    /// <summary>The agent answered and is bridged to the caller.</summary>
    Connected,

    /// <summary>Done; its media is released.</summary>
    Ended,
}
