namespace Appliance.CallCenter.Queues;

/// <summary>When a queue counts as empty for the join and leave rules.</summary>
public enum EmptyQueueCondition
{
    /// <summary>Never: calls join and stay whoever is logged in.</summary>
    Never,

    /// <summary>No member is logged in (busy, wrap-up and not-ready members count as logged in).</summary>
    NoneLoggedIn,

    /// <summary>No member is logged in and ready (not-ready members do not count).</summary>
    NoneReady,
}
