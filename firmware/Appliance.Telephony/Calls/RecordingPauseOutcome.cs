namespace Appliance.Telephony.Calls;

/// <summary>What asking a call to pause or resume its recording did.</summary>
public enum RecordingPauseOutcome
{
    /// <summary>The recording is now paused (or recording again), from the next frame on.</summary>
    Changed,

    /// <summary>It already was in the state asked for; nothing changed.</summary>
    Unchanged,

    /// <summary>The call is in progress but nothing records it (not bridged yet, or unrecorded).</summary>
    NotRecorded,

    /// <summary>No call with that Call-ID is in progress.</summary>
    NoSuchCall,
}
