namespace Appliance.Web.Desk;

/// <summary>What a transfer or consultation command from the desktop or the CTI API did.</summary>
public enum DeskCallResult
{
    /// <summary>Carried out, or started: the target is ringing.</summary>
    Done,

    /// <summary>No such call is in progress.</summary>
    NoSuchCall,

    /// <summary>The call is not talking to an agent.</summary>
    NotBridged,

    /// <summary>Another transfer or consultation runs, or the desktop holds the call.</summary>
    Busy,

    /// <summary>The target is neither a queue nor another registered extension.</summary>
    UnknownTarget,

    /// <summary>The call has no answered consultation to complete, or none to cancel.</summary>
    NoConsultation,

    /// <summary>The box could not ring the target now.</summary>
    Unavailable,
}
