namespace Appliance.CallCenter.Routing;

/// <summary>What <see cref="AutomaticCallDistributor.Enqueue"/> did with a call.</summary>
public enum EnqueueResult
{
    /// <summary>The call waits in the queue (and may already be ringing an agent).</summary>
    Queued,

    /// <summary>No member agent of the queue is logged in; the call was not queued.</summary>
    NoAgents,
}
