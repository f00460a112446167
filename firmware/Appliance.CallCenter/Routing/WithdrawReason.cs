namespace Appliance.CallCenter.Routing;

/// <summary>Why a ringing offer was taken back from an agent.</summary>
public enum WithdrawReason
{
    /// <summary>The queue's ring timeout passed without an answer; the next agent is rung.</summary>
    RingNoAnswer,

    /// <summary>The caller hung up while the agent's phone rang.</summary>
    CallerAbandoned,

    /// <summary>The agent's phone unregistered while it rang; the next agent is rung.</summary>
    AgentLoggedOut,
}
