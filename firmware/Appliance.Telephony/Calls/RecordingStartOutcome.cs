namespace Appliance.Telephony.Calls;

/// <summary>What a command to start recording a call in progress did.</summary>
public enum RecordingStartOutcome
{
    /// <summary>The call is recorded from the next frame on.</summary>
    Started,

    /// <summary>The call already is recorded (from the answer or an earlier command).</summary>
    AlreadyRecorded,

    /// <summary>The call is in progress but not bridged to an agent or a number.</summary>
    NotBridged,

    /// <summary>The file could not be created (disk full or unwritable); the call goes on.</summary>
    Failed,

    /// <summary>No call with that Call-ID is in progress.</summary>
    NoSuchCall,
}
