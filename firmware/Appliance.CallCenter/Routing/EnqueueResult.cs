namespace Appliance.CallCenter.Routing;

/// <summary>What <see cref="AutomaticCallDistributor.Enqueue(string, string)"/> did with a call.</summary>
public enum EnqueueResult
{
    /// <summary>The call waits in the queue (and may already be ringing an agent).</summary>
    Queued,

    /// <summary>The queue's join rule turned the call away for want of agents; it was not queued.</summary>
    NoAgents,

    /// <summary>
    /// The queue was at its overflow length: <see cref="AutomaticCallDistributor.CallOverflowed"/>
    /// has been raised (or is about to be) with the exit.
    /// </summary>
    Overflowed,
}
