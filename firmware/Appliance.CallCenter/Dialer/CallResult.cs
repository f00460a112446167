namespace Appliance.CallCenter.Dialer;

/// <summary>
/// How one outbound attempt ended, as far as the dialer is concerned. The retry rules are keyed
/// by this value; <see cref="Connected"/> is closed by the agent's disposition instead.
/// </summary>
public enum CallResult
{
    /// <summary>A person answered and was bridged to an agent.</summary>
    Connected,

    /// <summary>The far end was busy (SIP 486/600).</summary>
    Busy,

    /// <summary>It rang until the no-answer timeout, or the far end declined.</summary>
    NoAnswer,

    /// <summary>The network or trunk refused the call (SIP 4xx/5xx other than busy).</summary>
    Failed,

    /// <summary>An answering machine answered; it is handled without an agent, not abandoned.</summary>
    Machine,

    /// <summary>A person answered while no agent was free: they heard the recorded message.</summary>
    Abandoned,
}
