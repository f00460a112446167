namespace Appliance.Web.Live;

/// <summary>What a pause or resume of a call's recording did.</summary>
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
}
