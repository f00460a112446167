using Appliance.Media.Audio;

namespace Appliance.Telephony.Calls;

/// <summary>Pausing and resuming the call's recording from the CTI.</summary>
internal sealed partial class Call
{
    // Set on the mailbox when the agent is connected; read from web threads. The recorder is
    // thread-safe, so a pause need not wait for the mailbox.
    private volatile StereoWavRecorder? _recorder;

    /// <summary>
    /// Records silence in place of the call (<paramref name="paused"/>) or the call again. Any
    /// thread; takes effect from the next 20 ms frame.
    /// </summary>
    public RecordingPauseOutcome SetRecordingPaused(bool paused)
    {
        var recorder = _recorder;
        if (recorder is null)
        {
            return RecordingPauseOutcome.NotRecorded;
        }

        bool changed;
        try
        {
            changed = paused ? recorder.Pause() : recorder.Resume();
        }
        catch (ObjectDisposedException)
        {
            // The recording ended (disk failure or the call's end) between the check and now.
            return RecordingPauseOutcome.NotRecorded;
        }

        if (changed)
        {
            _log.Information(
                paused ? "Call {CallId}: recording paused" : "Call {CallId}: recording resumed", CallId);
        }

        return changed ? RecordingPauseOutcome.Changed : RecordingPauseOutcome.Unchanged;
    }
}
