using Appliance.Telephony.Calls;
using Appliance.Telephony.Signalling;
using Appliance.Web.Live;

namespace Appliance.Service.Web;

/// <summary>The web's start, pause and resume of recordings, carried out by the switchboard's
/// calls.</summary>
internal sealed class CallRecordingControl : ICallRecordingControl
{
    private readonly Switchboard _switchboard;

    public CallRecordingControl(Switchboard switchboard)
    {
        _switchboard = switchboard;
    }

    public RecordingCommandResult SetPaused(string callId, bool paused) =>
        _switchboard.SetRecordingPaused(callId, paused) switch
        {
            RecordingPauseOutcome.Changed => RecordingCommandResult.Changed,
            RecordingPauseOutcome.Unchanged => RecordingCommandResult.Unchanged,
            RecordingPauseOutcome.NotRecorded => RecordingCommandResult.NotRecorded,
            _ => RecordingCommandResult.NoSuchCall,
        };

    public bool? IsRecorded(string callId) => _switchboard.IsRecorded(callId);

    public async Task<RecordingCommandResult> StartAsync(string callId) =>
        await _switchboard.StartRecordingAsync(callId).ConfigureAwait(false) switch
        {
            RecordingStartOutcome.Started => RecordingCommandResult.Changed,
            RecordingStartOutcome.AlreadyRecorded => RecordingCommandResult.AlreadyRecorded,
            RecordingStartOutcome.NotBridged => RecordingCommandResult.NotBridged,
            RecordingStartOutcome.Failed => RecordingCommandResult.Failed,
            _ => RecordingCommandResult.NoSuchCall,
        };
}
