using Appliance.Telephony.Calls;
using Appliance.Telephony.Signalling;
using Appliance.Web.Live;

namespace Appliance.Service.Web;

/// <summary>The web's pause and resume of recordings, carried out by the switchboard's calls.</summary>
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
}
