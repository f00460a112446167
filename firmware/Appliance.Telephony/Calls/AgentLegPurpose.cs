namespace Appliance.Telephony.Calls;

/// <summary>Why a leg to an agent's phone exists, which decides whether the ACD knows of it.</summary>
internal enum AgentLegPurpose
{
    /// <summary>The ACD offered the call to this agent; the ACD is told of its answer and end.</summary>
    Offer,

    /// <summary>An agent dialled this extension (a consultation before an attended transfer).</summary>
    Extension,

    /// <summary>An agent's REFER sends the caller here (blind transfer, RFC 3515).</summary>
    Transfer,

    /// <summary>An IVR flow's transfer node rings this extension for the caller.</summary>
    FlowTransfer,

    /// <summary>A flow's transfer or a queue's overflow dials this external number for the caller.</summary>
    External,

    /// <summary>The desktop's attended transfer: the agent talks to this extension first.</summary>
    Consultation,

    /// <summary>A third party the desktop adds to the call: caller, agent and it talk in a mixer.</summary>
    Conference,
}
