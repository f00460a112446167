using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Records;
using Appliance.CallCenter.Routing;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>The IVR and queue part of a call: prompts out, digits in, then a place in line.</summary>
internal sealed partial class Call
{
    private IvrSession? _ivr;
    private ITimer? _digitTimer;
    private int _digitWait;

    private void StartIvr(string menuName)
    {
        var menu = _services.Menus(menuName);
        if (menu is null)
        {
            // The dial plan was validated at start, so this means a menu vanished underneath us.
            _log.Error("Call {CallId}: IVR menu {Menu} does not exist", CallId, menuName);
            Post(() => EndAsync(CallEnding.Failed));
            return;
        }

        _phase = CallPhase.Ivr;
        _ivr = new IvrSession(menu);
        _log.Information("Call {CallId} entered IVR menu {Menu}", CallId, menuName);
        Apply(_ivr.Start());
    }

    private void Apply(IvrAction action)
    {
        if (_phase != CallPhase.Ivr)
        {
            return;
        }

        switch (action)
        {
            case PlayPrompts play:
                StopDigitTimer();
                PlayIvrPrompts(play.Prompts);
                break;

            case WaitForDigit wait:
                StartDigitTimer(wait.Timeout);
                break;

            case RouteToQueue route:
                StopDigitTimer();
                _record.IvrChoice = route.Choice;
                _log.Information(
                    "Call {CallId} chose {Choice} in the IVR, routed to queue {Queue}",
                    CallId,
                    route.Choice ?? "(none)",
                    route.Queue);
                EnterQueue(route.Queue);
                break;

            default:
                ApplyFlowEnding(action);
                break;
        }
    }

    private void DigitReceived(char digit)
    {
        _log.Debug("Call {CallId} received DTMF {Digit}", CallId, digit);
        if (InIvr)
        {
            Apply(IvrDigit(digit));
        }
        else if (_phase == CallPhase.Voicemail)
        {
            VoicemailDigit(digit);
        }
        else if (_phase == CallPhase.Queued)
        {
            QueuedDigit(digit);
        }
        else if (_phase == CallPhase.ConfirmingCallback)
        {
            ConfirmDigit(digit);
        }
        else if (_phase == CallPhase.Mailbox)
        {
            MailboxDigit(digit);
        }
    }

    private void StartDigitTimer(TimeSpan timeout)
    {
        StopDigitTimer();
        var wait = ++_digitWait;
        _digitTimer = _services.Time.CreateTimer(
            _ => Post(() =>
            {
                if (wait == _digitWait && InIvr)
                {
                    Apply(IvrDigitTimedOut());
                }
            }),
            null,
            timeout,
            Timeout.InfiniteTimeSpan);
    }

    private void StopDigitTimer()
    {
        _digitWait++;
        _digitTimer?.Dispose();
        _digitTimer = null;
    }

    private void EnterQueue(string queueName) => EnterQueue(queueName, CallRequirements.Normal);

    private void EnterQueue(string queueName, CallRequirements requirements)
    {
        var queue = _services.Queues(queueName);
        if (queue is null)
        {
            _log.Error("Call {CallId}: queue {Queue} does not exist", CallId, queueName);
            Post(() => EndAsync(CallEnding.Failed));
            return;
        }

        _phase = CallPhase.Queued;
        _requirements = requirements;
        _record.Queue = queueName;
        _record.QueuedUtc = _services.Time.GetUtcNow();
        if (queue.HoldPrompt is not null)
        {
            Play([queue.HoldPrompt], loop: true, completed: null);
        }
        else
        {
            _callerRtp!.Source = null;
        }

        Publish(CallEventKind.Queued, agent: null);
        var result = _services.Acd.Enqueue(CallId, queueName, requirements);
        if (result == EnqueueResult.NoAgents)
        {
            NoAgentsLeft();
        }
        else
        {
            StartWaitingAnnouncements(queue);
        }
    }

    /// <summary>The queue has nobody to take the call: say so, then hang up.</summary>
    public void NoAgents() => Post(() =>
    {
        if (_phase == CallPhase.Queued)
        {
            NoAgentsLeft();
        }
    });

    private void NoAgentsLeft()
    {
        _log.Information("Call {CallId}: no agent is logged in to queue {Queue}", CallId, _record.Queue);
        _phase = CallPhase.NoAgent;
        _record.Disposition = CallDisposition.NoAgent;
        _record.LeftQueueUtc = _services.Time.GetUtcNow();
        Play(
            [_services.Options.NoAgentPrompt],
            loop: false,
            completed: () => Post(() => EndAsync(CallEnding.ByTheBox)));
    }
}
