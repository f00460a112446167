namespace Appliance.Web.Live;

/// <summary>
/// Starts the recording of a bridged call that records nothing (on demand), and pauses and
/// resumes a recording (while a caller reads out a card number, for instance). The service
/// implements it over the switchboard. Thread-safe.
/// </summary>
public interface ICallRecordingControl
{
    /// <summary>Records silence in place of the call from now on, or the call again.</summary>
    RecordingCommandResult SetPaused(string callId, bool paused);

    /// <summary>Whether the call is recorded (paused or not); null for no such call.</summary>
    bool? IsRecorded(string callId);

    /// <summary>Records the call from now on, in its queue's policy format.</summary>
    /// <returns><see cref="RecordingCommandResult.Changed"/> when it started; otherwise why not.</returns>
    Task<RecordingCommandResult> StartAsync(string callId);
}
