namespace Appliance.Web.Live;

/// <summary>
/// Pauses and resumes the recording of a call in progress (while a caller reads out a card
/// number, for instance). The service implements it over the switchboard. Thread-safe.
/// </summary>
public interface ICallRecordingControl
{
    /// <summary>Records silence in place of the call from now on, or the call again.</summary>
    RecordingCommandResult SetPaused(string callId, bool paused);
}
