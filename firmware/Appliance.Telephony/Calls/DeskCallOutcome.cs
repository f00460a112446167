namespace Appliance.Telephony.Calls;

/// <summary>What a call-control command from the agent's desktop (transfer, consultation) did.</summary>
public enum DeskCallOutcome
{
    /// <summary>The command was carried out, or started (the target is ringing).</summary>
    Done,

    /// <summary>No call with that Call-ID is in progress.</summary>
    NoSuchCall,

    /// <summary>The call is in progress but not talking to an agent.</summary>
    NotBridged,

    /// <summary>Another transfer or consultation of the call is running.</summary>
    Busy,

    /// <summary>The target is neither a queue nor a registered extension other than the agent's.</summary>
    UnknownTarget,

    /// <summary>Complete or cancel was asked while the call has no consultation (or one still ringing).</summary>
    NoConsultation,

    /// <summary>The box could not ring the target (no RTP port free).</summary>
    Unavailable,
}
