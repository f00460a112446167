using Appliance.Media.Audio;

namespace Appliance.Telephony.Calls;

/// <summary>Starting, pausing and resuming the call's recording from the CTI.</summary>
internal sealed partial class Call
{
    // Set on the mailbox when the agent is connected; read from web threads. The recorder is
    // thread-safe, so a pause need not wait for the mailbox.
    private volatile StereoWavRecorder? _recorder;

    /// <summary>Whether a recorder was opened for the call (at the answer or on demand). Any thread.</summary>
    public bool IsRecorded => _recorder is not null;

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

    /// <summary>
    /// Starts recording a bridged call that records nothing (its queue's policy records on demand,
    /// or none), from the next 20 ms frame, in the format of the queue's policy; the file is
    /// indexed and named in the call record as one started at the answer. Runs on the mailbox and
    /// reports to <paramref name="done"/> there; a call that ended meanwhile never reports.
    /// </summary>
    internal void StartRecordingOnDemand(Action<RecordingStartOutcome> done) => Post(() =>
    {
        if (_phase != CallPhase.Bridged || _bridge is null)
        {
            done(RecordingStartOutcome.NotBridged);
            return;
        }

        if (_recorder is not null)
        {
            done(RecordingStartOutcome.AlreadyRecorded);
            return;
        }

        var recorder = OpenRecorder(onDemand: true);
        if (recorder is null)
        {
            done(RecordingStartOutcome.Failed);
            return;
        }

        // The bridge goes on reading each leg in arrival order (the jitter buffers a recording
        // from the answer gets are not swapped in under a running call); the file hears the
        // frames the agent and caller hear.
        if (!_bridge.TryStartRecording(recorder))
        {
            recorder.Dispose();
            _record.RecordingFile = null;
            done(RecordingStartOutcome.NotBridged);
            return;
        }

        _recorder = recorder;
        _log.Information("Call {CallId}: recording started on demand to {RecordingFile}",
            CallId, _record.RecordingFile);
        done(RecordingStartOutcome.Started);
    });
}
