namespace Appliance.Web.Live;

/// <summary>What a start, pause or resume of a call's recording did.</summary>
public enum RecordingCommandResult
{
    /// <summary>The recording changed state.</summary>
    Changed,

    /// <summary>The recording already was paused (or running); nothing changed.</summary>
    Unchanged,

    /// <summary>The call is in progress but is not being recorded.</summary>
    NotRecorded,

    /// <summary>No such call is in progress.</summary>
    NoSuchCall,

    /// <summary>A start was asked for a call that already is recorded.</summary>
    AlreadyRecorded,

    /// <summary>A start was asked for a call that is not bridged (still waiting, ringing, held in
    /// a conference).</summary>
    NotBridged,

    /// <summary>The recording file could not be created; the call goes on unrecorded.</summary>
    Failed,
}
