namespace Appliance.Telephony.Calls;

/// <summary>Why a call is ending, which decides who gets a BYE.</summary>
internal enum CallEnding
{
    CallerHungUp,
    AgentHungUp,

    /// <summary>The box ends the call (no agent, the caller has heard why).</summary>
    ByTheBox,

    /// <summary>The call could not be set up or lost its signalling.</summary>
    Failed,
}
