namespace Appliance.CallCenter.Queues;

/// <summary>How a queue picks the agent for its oldest waiting call.</summary>
public enum QueueStrategy
{
    /// <summary>
    /// The idle member whose idle-since (login, or end of the last call) is oldest. A missed
    /// offer does not move an agent's idle-since.
    /// </summary>
    LongestIdle,
}
