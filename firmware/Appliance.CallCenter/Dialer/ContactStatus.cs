namespace Appliance.CallCenter.Dialer;

/// <summary>Where a contact stands in its campaign.</summary>
public enum ContactStatus
{
    /// <summary>Never dialled yet.</summary>
    Pending,

    /// <summary>An attempt is in progress (ringing or talking).</summary>
    Dialing,

    /// <summary>An attempt failed and a retry is due at <see cref="Contact.NextAttemptUtc"/>.</summary>
    RetryScheduled,

    /// <summary>The agent booked a call-back at <see cref="Contact.NextAttemptUtc"/>.</summary>
    CallbackScheduled,

    /// <summary>The agent gave a final disposition.</summary>
    Completed,

    /// <summary>The retry rules gave up on the contact.</summary>
    Exhausted,

    /// <summary>The number is on the do-not-call list; it is never dialled.</summary>
    DoNotCall,
}
