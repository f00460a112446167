namespace Appliance.CallCenter.Routing;

/// <summary>Which rule sent a call out of its queue.</summary>
public enum OverflowReason
{
    /// <summary>The call waited the queue's overflow time.</summary>
    WaitTime,

    /// <summary>The call found the queue at its overflow length when it joined.</summary>
    QueueLength,

    /// <summary>The call waited the queue's maximum wait.</summary>
    MaxWait,
}
