namespace Appliance.CallCenter.Routing;

/// <summary>What happened to a call in a queue, for figures and the simulation.</summary>
public enum AcdCallEventKind
{
    /// <summary>The call joined the queue (also after an overflow into it).</summary>
    Queued,

    /// <summary>An agent answered; <see cref="AcdCallEvent.Duration"/> is the wait.</summary>
    Answered,

    /// <summary>The caller hung up waiting; <see cref="AcdCallEvent.Duration"/> is the wait.</summary>
    Abandoned,

    /// <summary>A rule sent the call out of the queue; <see cref="AcdCallEvent.Duration"/> is the wait.</summary>
    Overflowed,

    /// <summary>The queue had nobody left; <see cref="AcdCallEvent.Duration"/> is the wait.</summary>
    NoAgents,

    /// <summary>The answered call ended; <see cref="AcdCallEvent.Duration"/> is the talk time.</summary>
    Completed,
}
