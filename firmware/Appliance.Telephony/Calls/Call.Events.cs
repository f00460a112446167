using Appliance.CallCenter.Records;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>What the call tells the event bus, and the hang-up a supervisor or the CTI asks for.</summary>
internal sealed partial class Call
{
    /// <summary>Ends the call from outside (an agent's desktop or the CTI): both sides get a BYE
    /// and the record is written as for any other ending.</summary>
    public void HangUp() => Post(async () =>
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        _log.Information("Call {CallId}: hung up on request", CallId);
        await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
    });

    private void Publish(CallEventKind kind, string? agent)
    {
        var events = _services.Events;
        if (events is null)
        {
            return;
        }

        var disposition = kind == CallEventKind.Ended ? DispositionName(_record.Disposition) : null;
        events.Publish(new CallEvent(
            kind,
            CallId,
            _record.CallerNumber ?? "anonymous",
            _record.Did ?? string.Empty,
            _record.IvrChoice,
            _record.Queue,
            agent,
            disposition,
            _services.Time.GetUtcNow(),
            _flow is { Variables.Count: > 0 } flow ? new Dictionary<string, string>(flow.Variables) : null));
    }

    private static string DispositionName(CallDisposition disposition) => disposition switch
    {
        CallDisposition.Answered => "answered",
        CallDisposition.Abandoned => "abandoned",
        CallDisposition.NoAgent => "no-agent",
        _ => "failed",
    };
}
