namespace Appliance.CallCenter.Dialer;

/// <summary>How a campaign paces its calls; each has an <see cref="IPacingStrategy"/>.</summary>
public enum DialingMode
{
    /// <summary>The agent sees the contact first and starts the call.</summary>
    Preview,

    /// <summary>One call per free agent, never more: no call is ever abandoned.</summary>
    Progressive,

    /// <summary>A fixed number of calls per free agent.</summary>
    Power,

    /// <summary>
    /// Dials ahead from measured answer rate and handle time to hold a target abandon rate.
    /// </summary>
    Predictive,
}
