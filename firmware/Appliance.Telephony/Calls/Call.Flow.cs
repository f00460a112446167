using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Ivr.Flows;
using Appliance.CallCenter.Records;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The part of a call that walks an IVR flow document: the run holds the version the call
/// started on, and its endings queue the call, transfer it to an extension or hang up.
/// </summary>
internal sealed partial class Call
{
    private IvrFlowRun? _flow;

    private void StartFlow(string flowName)
    {
        var run = _services.Flows.StartRun(flowName, _services.Time);
        if (run is null)
        {
            // The dial plan was checked at start and flows are only ever replaced, never removed.
            _log.Error("Call {CallId}: IVR flow {Flow} does not exist", CallId, flowName);
            Post(() => EndAsync(CallEnding.Failed));
            return;
        }

        _phase = CallPhase.Ivr;
        _flow = run;
        _log.Information(
            "Call {CallId} entered IVR flow {Flow} version {FlowVersion}",
            CallId,
            flowName,
            run.Document.Version);
        Apply(run.Start());
    }

    /// <summary>The endings only a flow has; true when <paramref name="action"/> was one.</summary>
    private bool ApplyFlowEnding(IvrAction action)
    {
        switch (action)
        {
            case QueueCall queue:
                StopDigitTimer();
                NoteFlowChoice();
                _log.Information(
                    "Call {CallId} left IVR flow {Flow} at node {Node} for queue {Queue} "
                    + "(priority {Priority}, skill {Skill})",
                    CallId,
                    _flow!.Document.Name,
                    _flow.CurrentNode,
                    queue.Queue,
                    queue.Requirements.Priority,
                    queue.Requirements.Skill ?? "(none)");
                EnterQueue(queue.Queue, queue.Requirements);
                return true;

            case TransferCall transfer:
                StopDigitTimer();
                NoteFlowChoice();
                if (transfer.External)
                {
                    _log.Information(
                        "Call {CallId}: IVR flow {Flow} transfers at node {Node} to external number {Number}",
                        CallId,
                        _flow!.Document.Name,
                        _flow.CurrentNode,
                        transfer.Extension);
                    TransferToNumber(transfer.Extension, fromOverflow: false);
                }
                else
                {
                    TransferTo(transfer.Extension);
                }

                return true;

            case RecordVoicemail voicemail:
                NoteFlowChoice();
                StartVoicemail(voicemail.Mailbox, voicemail.MaxLength);
                return true;

            case HangUpCall:
                StopDigitTimer();
                NoteFlowChoice();
                _log.Information(
                    "Call {CallId}: IVR flow {Flow} hung up at node {Node}",
                    CallId,
                    _flow!.Document.Name,
                    _flow.CurrentNode);
                _record.Disposition = CallDisposition.SelfService;
                _phase = CallPhase.NoAgent;
                Post(() => EndAsync(CallEnding.ByTheBox));
                return true;

            default:
                return ApplyFlowService(action);
        }
    }

    private void NoteFlowChoice()
    {
        if (_flow?.LastChoice is { } choice)
        {
            _record.IvrChoice = choice.ToString();
        }
    }

    private IvrAction IvrPromptsFinished() => _flow?.PromptsFinished() ?? _ivr!.PromptsFinished();

    private IvrAction IvrDigit(char digit) => _flow?.Digit(digit) ?? _ivr!.Digit(digit);

    private IvrAction IvrDigitTimedOut() => _flow?.DigitTimedOut() ?? _ivr!.DigitTimedOut();

    private bool InIvr => _phase == CallPhase.Ivr && (_flow is not null || _ivr is not null);
}
