using System.Globalization;
using System.Net;
using System.Text;
using Appliance.CallCenter.Records;
using Appliance.CallCenter.Routing;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Sdp;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Callbacks;
using Appliance.Telephony.DialPlan;
using Appliance.Telephony.Events;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Callbacks, from both ends. A waiting caller is offered one (by the queue's callback key or
/// its callback exit), confirms its own number with # or keys in another, and hangs up; the ACD
/// keeps its place. When the place reaches the head of the queue the switchboard makes a call
/// of this class that dials the number, asks the answered caller to press 1, and then takes the
/// kept place back in the queue, where agents are offered it like any waiting call.
/// </summary>
internal sealed partial class Call
{
    private readonly CallbackRequest? _callback;
    private readonly IReadOnlyList<IPEndPoint> _callbackRoutes = [];
    private StringBuilder? _callbackDigits;
    private ITimer? _callbackTimer;
    private int _callbackWait;
    private RoutedInvite? _callbackInvite;
    private bool _callbackRingLimitReached;
    private bool _callbackSettled;
    private bool _callbackConfirmed;
    private CallRequirements _requirements = CallRequirements.Normal;

    /// <summary>
    /// A call that dials a callback: it has no inbound INVITE (the members that answer one run
    /// only for inbound calls), its caller is the number called back, and its record is written
    /// only once the caller confirmed and was queued.
    /// </summary>
    /// <param name="services">The box's services.</param>
    /// <param name="registry">The calls of the box.</param>
    /// <param name="callback">The callback to dial.</param>
    /// <param name="routes">Where its INVITE goes, in failover order; never empty.</param>
    public Call(
        CallServices services,
        CallRegistry registry,
        CallbackRequest callback,
        IReadOnlyList<IPEndPoint> routes)
    {
        _services = services;
        _registry = registry;
        _invite = null!;
        _target = new DialPlanTarget(DialPlanTargetKind.Queue, callback.Queue);
        _callback = callback;
        _callbackRoutes = routes;
        _language = callback.Language;
        CallId = string.Create(
            CultureInfo.InvariantCulture,
            $"{Guid.NewGuid():N}@{FormatHost(services.Options.AdvertisedAddress)}");
        _log = services.Log.ForContext(nameof(CallId), CallId).ForContext<Call>();
        _mailbox = new CallMailbox(_log);
        Trunk = "callback";
        _record = new CallRecord
        {
            CallId = CallId,
            CallerNumber = callback.Number,
            Did = callback.Did ?? string.Empty,
            ArrivedUtc = services.Time.GetUtcNow(),
            Trunk = Trunk,
        };
    }

    /// <summary>Dials the callback's number; see the class remarks for what follows.</summary>
    public void StartCallback() => Post(DialCallbackAsync);

    private bool IsUnconfirmedCallback => _callback is not null && !_callbackConfirmed;

    /// <summary>The queue's callback rule offers this waiting caller a callback.</summary>
    private void OfferCallback()
    {
        if (_phase != CallPhase.Queued || _callbackDigits is not null)
        {
            return;
        }

        if (_services.Callbacks is null)
        {
            _log.Warning("Call {CallId}: callbacks are off on this box; the caller keeps waiting", CallId);
            return;
        }

        _log.Information("Call {CallId} in queue {Queue} is offered a callback", CallId, _record.Queue);
        StopWaitingAnnouncements();
        _callbackDigits = new StringBuilder();
        StartCallbackTimer(_services.CallbackOptions.OfferTimeout, OfferTimedOut);
        Play(["callback-offer"], loop: false, completed: () =>
        {
            if (_phase == CallPhase.Queued && _callbackDigits is not null)
            {
                StartCallbackTimer(_services.CallbackOptions.OfferTimeout, OfferTimedOut);
            }
        });
    }

    /// <summary>A digit while queued: the queue's callback key, or part of the answer to the offer.</summary>
    private void QueuedDigit(char digit)
    {
        if (_callbackDigits is null)
        {
            if (_services.Queues(_record.Queue ?? string.Empty) is { CallbackDigit: { } key } && key == digit)
            {
                OfferCallback();
            }

            return;
        }

        switch (digit)
        {
            case '*':
                _log.Information("Call {CallId} declined the callback and keeps waiting", CallId);
                KeepWaiting();
                break;
            case '#':
                BookCallback();
                break;
            case >= '0' and <= '9' when _callbackDigits.Length < 20:
                _callbackDigits.Append(digit);
                StartCallbackTimer(_services.CallbackOptions.OfferTimeout, OfferTimedOut);
                break;
        }
    }

    private void OfferTimedOut()
    {
        _log.Information("Call {CallId} did not answer the callback offer and keeps waiting", CallId);
        KeepWaiting();
    }

    private void KeepWaiting()
    {
        StopCallbackTimer();
        _callbackDigits = null;
        if (_phase == CallPhase.Queued && _services.Queues(_record.Queue ?? string.Empty) is { } queue)
        {
            if (queue.HoldPrompt is not null)
            {
                Play([queue.HoldPrompt], loop: true, completed: null);
            }
            else
            {
                _callerRtp!.Source = null;
            }

            StartWaitingAnnouncements(queue);
        }
    }

    /// <summary># confirms: the number keyed in, or the caller's own when none was keyed.</summary>
    private void BookCallback()
    {
        var keyed = _callbackDigits!.ToString();
        var number = keyed.Length > 0 ? keyed : _record.CallerNumber ?? string.Empty;
        if (number.Length < 3 || !number.TrimStart('+').All(char.IsAsciiDigit))
        {
            _log.Information("Call {CallId}: no number to call back ({Number}); offering again", CallId, number);
            _callbackDigits = null;
            OfferCallback();
            return;
        }

        // Stored first: the ACD may find the callback due at once, and the dialler reads the store.
        var route = _services.CallbackOptions.Trunk.Count == 0 ? _invite.RemoteEndPoint.ToString() : null;
        _services.Callbacks!.Save(new CallbackRequest(CallId, _record.Queue!, number)
        {
            Route = route,
            Did = _record.Did,
            Requirements = _requirements,
            RequestedUtc = _services.Time.GetUtcNow(),
            Language = ChosenLanguage,
        });
        if (!_services.Acd.KeepPlaceForCallback(CallId, number))
        {
            // An agent took the call meanwhile, or it left its queue: nothing to keep.
            _log.Information("Call {CallId}: its place can no longer be kept for a callback", CallId);
            _services.Callbacks.AttemptEnded(CallId, "cancelled", done: true);
            KeepWaiting();
            return;
        }

        StopCallbackTimer();
        _callbackDigits = null;
        _log.Information("Call {CallId} left queue {Queue} for a callback to {Number}", CallId, _record.Queue, number);
        _phase = CallPhase.CallbackBooked;
        _record.Disposition = CallDisposition.Callback;
        _record.LeftQueueUtc = _services.Time.GetUtcNow();
        Play(["callback-booked"], loop: false, completed: () => Post(() => EndAsync(CallEnding.ByTheBox)));
    }

    private async ValueTask DialCallbackAsync()
    {
        var callback = _callback!;
        if (!TryOpenRtp(out var rtp))
        {
            await SettleCallbackAsync("failed").ConfigureAwait(false);
            return;
        }

        _callerRtp = rtp;
        rtp.DtmfReceived += digit => Post(() => DigitReceived(digit));
        var sessionId = (ulong)_services.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _sdpSessionId = sessionId;
        var sdp = SdpNegotiator.CreateOffer(_services.Options.AdvertisedAddress, rtp.LocalPort, sessionId);
        var routes = _services.RouteFailover.Usable(_callbackRoutes);
        _phase = CallPhase.CallingBack;
        var invite = _services.RouteFailover.Send(
            _services.Sip,
            BuildCallbackInvite(callback, sdp, routes[0]),
            routes,
            onProvisional: null,
            _log);
        _callbackInvite = invite;
        StartCallbackTimer(_services.CallbackOptions.RingLimit, () =>
        {
            // RFC 3261 §9.1: the INVITE then ends with 487, or with Timer B if nothing answered.
            _callbackRingLimitReached = true;
            _log.Information("Call {CallId}: callback {CallbackId} not answered within {RingLimit}",
                CallId, callback.Id, _services.CallbackOptions.RingLimit);
            Post(() => invite.CancelAsync());
        });
        _ = AwaitCallbackAnswerAsync(invite);
        _log.Information(
            "Call {CallId} calls back {Number} for callback {CallbackId} in queue {Queue} over {Destination}",
            CallId,
            callback.Number,
            callback.Id,
            callback.Queue,
            routes[0]);
    }

    private async Task AwaitCallbackAnswerAsync(RoutedInvite transaction)
    {
        var response = await transaction.FinalResponse.ConfigureAwait(false);
        Post(() => CallbackAnsweredAsync(response));
    }

    private async ValueTask CallbackAnsweredAsync(SipResponse? response)
    {
        StopCallbackTimer();
        if (_phase != CallPhase.CallingBack)
        {
            return;
        }

        var status = response?.StatusCode ?? 408;
        if (response is null || status >= 300)
        {
            var result = OutboundInvite.CauseOf(status, _callbackRingLimitReached) switch
            {
                OutboundCause.Busy => "busy",
                OutboundCause.NoAnswer => "no-answer",
                _ => "failed",
            };
            _log.Information("Call {CallId}: callback {CallbackId} not answered: {Result} (SIP {Status})",
                CallId, _callback!.Id, result, status);
            await SettleCallbackAsync(result).ConfigureAwait(false);
            return;
        }

        // RFC 3261 §13.2.2.4: the UAC core acknowledges every 2xx itself.
        var dialog = SipDialog.CreateUac(_callbackInvite!.Request, response, _callbackInvite.Destination);
        var ack = dialog.CreateAck(response);
        await _services.Sip.Transport.SendAsync(ack, _callbackInvite.Destination).ConfigureAwait(false);
        _callerDialog = dialog;
        _callerOk = response;
        var answer = Encoding.UTF8.GetString(response.Body.Span);
        if (!SdpSession.TryParse(answer, out var session, out _)
            || !SdpNegotiator.TryReadAnswer(session!, out var media, out _))
        {
            _log.Warning("Call {CallId}: the callback's answer has no usable SDP", CallId);
            await SettleCallbackAsync("failed").ConfigureAwait(false);
            return;
        }

        ConfigureRtp(_callerRtp!, media);
        _phase = CallPhase.ConfirmingCallback;
        _log.Information("Call {CallId}: callback {CallbackId} answered; asking the caller to confirm",
            CallId, _callback!.Id);
        StartCallbackTimer(_services.CallbackOptions.ConfirmTimeout + TimeSpan.FromSeconds(10), ConfirmTimedOut);
        Play(["callback-confirm"], loop: false, completed: () =>
        {
            if (_phase == CallPhase.ConfirmingCallback)
            {
                StartCallbackTimer(_services.CallbackOptions.ConfirmTimeout, ConfirmTimedOut);
            }
        });
    }

    private void ConfirmTimedOut() => Post(async () =>
    {
        if (_phase == CallPhase.ConfirmingCallback)
        {
            _log.Information("Call {CallId}: the caller did not confirm callback {CallbackId}", CallId, _callback!.Id);
            await SettleCallbackAsync("not-confirmed").ConfigureAwait(false);
        }
    });

    private void ConfirmDigit(char digit)
    {
        if (digit != '1')
        {
            return;
        }

        StopCallbackTimer();
        var callback = _callback!;
        if (!_services.Acd.CallbackAnswered(callback.Id, CallId))
        {
            _log.Warning("Call {CallId}: callback {CallbackId} no longer waits in its queue", CallId, callback.Id);
            Post(() => SettleCallbackAsync("failed"));
            return;
        }

        _callbackSettled = true;
        _callbackConfirmed = true;
        _services.Callbacks?.AttemptEnded(callback.Id, "connected", done: true);
        _log.Information("Call {CallId}: the caller confirmed callback {CallbackId}; queued in {Queue}",
            CallId, callback.Id, callback.Queue);
        _phase = CallPhase.Queued;
        _record.Queue = callback.Queue;
        _record.QueuedUtc = _services.Time.GetUtcNow();
        Publish(CallEventKind.Arrived, agent: null);
        Publish(CallEventKind.Queued, agent: null);
        if (_services.Queues(callback.Queue) is { } queue)
        {
            if (queue.HoldPrompt is not null)
            {
                Play([queue.HoldPrompt], loop: true, completed: null);
            }
            else
            {
                _callerRtp!.Source = null;
            }

            StartWaitingAnnouncements(queue);
        }
    }

    /// <summary>An attempt that did not reach a confirmed caller: count it, then end the call.</summary>
    private async ValueTask SettleCallbackAsync(string result)
    {
        SettleCallbackAttempt(result);
        await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
    }

    /// <summary>
    /// Called as the call ends: an attempt not yet settled (the caller hung up while asked to
    /// confirm) is counted as <c>hung-up</c>.
    /// </summary>
    private void EndCallbackAttempt(CallPhase previous)
    {
        StopCallbackTimer();
        if (_callback is not null && previous is CallPhase.CallingBack or CallPhase.ConfirmingCallback)
        {
            SettleCallbackAttempt("hung-up");
        }
    }

    private void SettleCallbackAttempt(string result)
    {
        if (_callback is not { } callback || _callbackSettled)
        {
            return;
        }

        _callbackSettled = true;
        var options = _services.CallbackOptions;
        var attempts = _services.Callbacks?.Find(callback.Id)?.Attempts ?? options.MaxAttempts;
        if (attempts >= options.MaxAttempts)
        {
            _log.Warning("Callback {CallbackId} to {Number} given up after {Attempts} attempts, the last {Result}",
                callback.Id, callback.Number, attempts, result);
            _services.Callbacks?.AttemptEnded(callback.Id, result, done: false);
            _services.Callbacks?.AttemptEnded(callback.Id, "given-up", done: true);
            _services.Acd.CancelCallback(callback.Id);
            return;
        }

        _services.Callbacks?.AttemptEnded(callback.Id, result, done: false);
        _services.Acd.CallbackFailed(callback.Id, options.RetryAfter);
    }

    private void StartCallbackTimer(TimeSpan after, Action fired)
    {
        StopCallbackTimer();
        var wait = ++_callbackWait;
        _callbackTimer = _services.Time.CreateTimer(
            _ => Post(() =>
            {
                if (wait == _callbackWait)
                {
                    fired();
                }
            }),
            null,
            after,
            Timeout.InfiniteTimeSpan);
    }

    private void StopCallbackTimer()
    {
        _callbackWait++;
        _callbackTimer?.Dispose();
        _callbackTimer = null;
    }

    private SipRequest BuildCallbackInvite(CallbackRequest callback, SdpSession sdp, IPEndPoint destination) =>
        OutboundInvite.Build(
            callback.Number,
            destination,
            string.IsNullOrEmpty(callback.Did) ? "callback" : callback.Did,
            CallId,
            FormatHost(_services.Options.AdvertisedAddress),
            LocalContact(),
            sdp.ToString(),
            SipMethods.Allowed);
}
