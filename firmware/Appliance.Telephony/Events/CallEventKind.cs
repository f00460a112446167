namespace Appliance.Telephony.Events;

/// <summary>The steps of an inbound call that other rooms hear about.</summary>
public enum CallEventKind
{
    /// <summary>The caller was answered by the box (IVR or queue follows).</summary>
    Arrived,

    /// <summary>The call entered a queue and waits for an agent.</summary>
    Queued,

    /// <summary>An agent's phone rings with the call.</summary>
    Offered,

    /// <summary>An agent answered; caller and agent are bridged.</summary>
    Answered,

    /// <summary>The call is over and its record written.</summary>
    Ended,
}
