namespace Appliance.CallCenter.Queues;

/// <summary>Where a call goes when it leaves a queue unanswered by a rule.</summary>
public enum QueueExitKind
{
    /// <summary>Into another queue, keeping its place by arrival time.</summary>
    Queue,

    /// <summary>Out through a trunk to an external number.</summary>
    External,

    /// <summary>To a voicemail box.</summary>
    Voicemail,

    /// <summary>The caller is offered a callback and hangs up.</summary>
    Callback,

    /// <summary>The caller hears the apology and the box hangs up.</summary>
    HangUp,
}
