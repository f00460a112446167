using System.Net;
using Appliance.CallCenter.Routing;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.SessionTimers;
using Appliance.Sip.Transport;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Agents;
using Appliance.Telephony.Calls;
using Appliance.Telephony.Campaigns;
using Appliance.Telephony.DialPlan;
using Appliance.Telephony.Events;
using Serilog;

namespace Appliance.Telephony.Signalling;

/// <summary>
/// The user agent core of the box (RFC 3261 §8.2): takes every request the transaction layer
/// hands up, answers REGISTER and OPTIONS, turns each new INVITE into a <see cref="Call"/> and
/// routes in-dialog requests and ACD decisions to the call they belong to.
/// </summary>
/// <remarks>Callbacks arrive on transport and timer threads; this type keeps no state of its own
/// beyond thread-safe maps, the calls themselves serialise their work.</remarks>
public sealed partial class Switchboard : IDisposable
{
    private readonly CallServices _services;
    private readonly CallRegistry _calls = new();
    private readonly AgentPresence _presence;
    private readonly FeatureCodeGate _featureCodes;
    private readonly PeerWarningThrottle _strangers;
    private readonly ILogger _log;

    public Switchboard(CallServices services)
    {
        _services = services;
        _log = services.Log.ForContext<Switchboard>();
        _presence = new AgentPresence(services.Registrar, services.Acd, _log, services.Events, services.Time)
        {
            RemoteNumber = services.RemoteAgentNumber,
        };
        _featureCodes = new FeatureCodeGate(services.Authenticator, services.Passwords, _log);

        // A scanner or a flood sends thousands of INVITEs a minute: one line each would bury the
        // log an operator reads at 3 a.m., so each address gets one line and a count per minute.
        _strangers = new PeerWarningThrottle(
            _log,
            services.Time,
            (log, count, address) => log.Warning(
                "{Count} more INVITEs from {RemoteAddress} refused in the last minute: not a trunk",
                count,
                address));
    }

    /// <summary>Stops the timer of the refusal log summaries; calls are ended by HangUpAllAsync.</summary>
    public void Dispose() => _strangers.Dispose();

    /// <summary>Campaign calls in progress, for their in-dialog requests.</summary>
    internal OutboundCallRegistry Outbound { get; } = new();

    internal CallServices Services => _services;

    /// <summary>Calls in progress.</summary>
    public int ActiveCalls => _calls.ActiveCalls;

    /// <summary>The bus calls and agents publish on; null when the services have none.</summary>
    public TelephonyEventBus? Events => _services.Events;

    /// <summary>Ends a call in progress from outside (a desktop or the CTI API).</summary>
    /// <returns>False when no call with that Call-ID is in progress.</returns>
    public bool HangUp(string callId)
    {
        var call = _calls.FindByCaller(callId);
        call?.HangUp();
        return call is not null || TryHangUpDeskDial(callId);
    }

    /// <summary>Pauses (silence is recorded) or resumes the recording of a call in progress.</summary>
    public RecordingPauseOutcome SetRecordingPaused(string callId, bool paused) =>
        _calls.FindByCaller(callId)?.SetRecordingPaused(paused) ?? RecordingPauseOutcome.NoSuchCall;

    /// <summary>Whether the call is recorded; null when no call with that Call-ID is in progress.</summary>
    public bool? IsRecorded(string callId) => _calls.FindByCaller(callId)?.IsRecorded;

    /// <summary>Starts recording a bridged call that records nothing; see
    /// <see cref="RecordingStartOutcome"/>.</summary>
    public async Task<RecordingStartOutcome> StartRecordingAsync(string callId)
    {
        var call = _calls.FindByCaller(callId);
        if (call is null)
        {
            return RecordingStartOutcome.NoSuchCall;
        }

        var done = new TaskCompletionSource<RecordingStartOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.StartRecordingOnDemand(done.SetResult);

        // A call that ended meanwhile has closed its mailbox and never answers.
        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(5), _services.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return RecordingStartOutcome.NoSuchCall;
        }
    }

    /// <summary>
    /// Holds or resumes the caller of a bridged call from the agent's desktop: the agent's leg
    /// is kept and muted and the caller hears the queue's hold prompt.
    /// </summary>
    /// <returns>False when no call with that Call-ID is bridged to an agent.</returns>
    public async Task<bool> HoldAsync(string callId, bool hold)
    {
        var call = _calls.FindByCaller(callId);
        if (call is null)
        {
            return false;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.HoldFromDesk(hold, done.SetResult);

        // A call that ended meanwhile has closed its mailbox and never answers.
        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(5), _services.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Marks an agent ready or not ready (with a reason); see <see cref="AgentPresence"/>.</summary>
    /// <returns>False when the agent is not configured.</returns>
    public bool SetAgentReady(string agentId, bool ready, string? reason) =>
        _presence.SetReady(agentId, ready, reason);

    /// <summary>Takes agents an administrator added since start, so their phones get calls.</summary>
    public void AddAgents(IEnumerable<string> agentIds) => _presence.Add(agentIds);

    /// <summary>Whether the agent is ready, and the reason it gave when not.</summary>
    public (bool Ready, string? Reason) AgentReadiness(string agentId) => _presence.Readiness(agentId);

    /// <summary>
    /// Ends every call in progress as the box shuts down: both sides get a BYE (or a CANCEL
    /// while ringing) and every call's record is written. Waits at most <paramref name="timeout"/>
    /// for the calls to finish; the SIP transport must stay open until this returns.
    /// </summary>
    public async Task HangUpAllAsync(TimeSpan timeout)
    {
        var calls = _calls.Calls;
        if (calls.Count == 0)
        {
            return;
        }

        _log.Information("Ending {ActiveCalls} calls for shutdown", calls.Count);
        foreach (var call in calls)
        {
            call.Shutdown();
        }

        var all = Task.WhenAll(calls.Select(c => c.Completion));
        if (await Task.WhenAny(all, Task.Delay(timeout)).ConfigureAwait(false) != all)
        {
            _log.Warning("Some calls had not finished ending after {Timeout}", timeout);
        }
    }

    /// <summary>Hooks the switchboard to the transaction layer, the registrar and the ACD.</summary>
    public void Attach(IEnumerable<string> agentIds)
    {
        var sip = _services.Sip;
        sip.RequestReceived = OnRequestAsync;
        sip.AckReceived = OnAckAsync;
        sip.InviteCancelled = OnInviteCancelledAsync;
        sip.StrayResponseReceived = OnStrayResponseAsync;
        sip.AckTimedOut = OnAckTimedOutAsync;

        _presence.Attach(agentIds);

        var acd = _services.Acd;
        acd.OfferCall += offer => WithCall(offer.CallId, call => call.Offer(offer));
        acd.OfferWithdrawn += offer => WithCall(offer.CallId, call => call.OfferWithdrawn(offer));
        acd.CallNoAgents += (callId, _) => WithCall(callId, call => call.NoAgents());
        acd.CallOverflowed += overflow => WithCall(overflow.CallId, call => call.Overflowed(overflow));
        acd.CallbackDue += CallBack;
    }

    private void WithCall(string callId, Action<Call> action)
    {
        var call = _calls.FindByCaller(callId);
        if (call is null)
        {
            _log.Debug("ACD decision for call {CallId} that has already ended", callId);
            return;
        }

        action(call);
    }

    private async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (UnsupportedRequirement(request) is { } unsupported)
        {
            // RFC 3261 §8.2.2.3: an extension we do not know cannot be required of us.
            var refused = request.CreateResponse(420, "Bad Extension", SipTransactionLayer.NewTag());
            refused.Headers.Add("Unsupported", unsupported);
            await transaction.SendResponseAsync(refused).ConfigureAwait(false);
            return;
        }

        switch (request.Method)
        {
            case "REGISTER":
                await _services.Registrar.HandleAsync(transaction).ConfigureAwait(false);
                break;
            case "OPTIONS":
                await AnswerOptionsAsync(transaction).ConfigureAwait(false);
                break;
            case "INVITE":
                await OnInviteAsync(transaction).ConfigureAwait(false);
                break;
            case "BYE":
                await OnByeAsync(transaction).ConfigureAwait(false);
                break;
            case "UPDATE":
                await OnUpdateAsync(transaction).ConfigureAwait(false);
                break;
            case "PRACK":
                await OnPrackAsync(transaction).ConfigureAwait(false);
                break;
            case "INFO":
                await OnInfoAsync(transaction).ConfigureAwait(false);
                break;
            case "REFER":
                await OnReferAsync(transaction).ConfigureAwait(false);
                break;
            default:
                var refused = request.CreateResponse(405, "Method Not Allowed");
                refused.Headers.Add("Allow", SipMethods.Allowed);
                await transaction.SendResponseAsync(refused).ConfigureAwait(false);
                break;
        }
    }

    private static string? UnsupportedRequirement(SipRequest request)
    {
        foreach (var option in request.Headers.GetAll("Require"))
        {
            if (!SipMethods.IsSupportedOption(option.Trim()))
            {
                return option.Trim();
            }
        }

        return null;
    }

    private static async ValueTask AnswerOptionsAsync(SipServerTransaction transaction)
    {
        var ok = transaction.Request.CreateResponse(200, "OK", SipTransactionLayer.NewTag());
        ok.Headers.Add("Allow", SipMethods.Allowed);
        ok.Headers.Add("Supported", SipMethods.Supported);
        ok.Headers.Add("Accept", "application/sdp");
        await transaction.SendResponseAsync(ok).ConfigureAwait(false);
    }

    private async ValueTask OnInviteAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var callId = request.CallId!;
        if (request.To?.Tag is not null)
        {
            var existing = _calls.FindAny(callId);
            if (existing is null)
            {
                await RespondAsync(transaction, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
                return;
            }

            existing.ReInviteReceived(transaction);
            return;
        }

        // An agent's phone dialling a feature code (*70, *71, *72): taken only with the agent's
        // own digest credentials, so the code acts on the agent who dialled it.
        var dialled = request.RequestUri.User ?? string.Empty;
        var from = request.From?.Uri.User;
        if (dialled.StartsWith('*') && _presence.IsAgent(from))
        {
            var refused = _featureCodes.Check(transaction, from);
            if (refused is not null)
            {
                await transaction.SendResponseAsync(refused).ConfigureAwait(false);
                return;
            }

            var code = new DialPlanTarget(DialPlanTargetKind.FeatureCode, dialled);
            await StartCallAsync(transaction, code, "agent-phone").ConfigureAwait(false);
            return;
        }

        // An agent's phone dialling another agent's extension (a consultation before an attended
        // transfer): the same credentials, and the box rings that extension's phone.
        if (_presence.IsAgent(from) && dialled != from && _presence.IsAgent(dialled)
            && _services.Registrar.Lookup(dialled).Count > 0)
        {
            var refused = _featureCodes.Check(transaction, from);
            if (refused is not null)
            {
                await transaction.SendResponseAsync(refused).ConfigureAwait(false);
                return;
            }

            var extension = new DialPlanTarget(DialPlanTargetKind.Extension, dialled);
            await StartCallAsync(transaction, extension, "agent-phone").ConfigureAwait(false);
            return;
        }

        // Only known trunks may call in for now; the answer is the same whatever was dialled,
        // so a scanner learns nothing about the dial plan.
        if (!_services.Trunks.TryMatch(transaction.RemoteEndPoint.Address, out var trunk))
        {
            if (_strangers.ShouldLog(transaction.RemoteEndPoint.Address))
            {
                _log.Warning(
                    "INVITE from {RemoteEndPoint} refused: not a trunk",
                    transaction.RemoteEndPoint);
            }

            await RespondAsync(transaction, 403, "Forbidden").ConfigureAwait(false);
            return;
        }

        var did = request.RequestUri.User ?? string.Empty;
        if (Voicemail.MailboxPrompts.MailboxDialled(did) is not null)
        {
            // Mailbox and PIN are asked once the call is answered.
            var mailbox = new DialPlanTarget(DialPlanTargetKind.FeatureCode, did);
            await StartCallAsync(transaction, mailbox, trunk).ConfigureAwait(false);
            return;
        }

        if (!_services.DialPlan.TryRoute(did, out var target))
        {
            _log.Information("INVITE to {Did} on trunk {Trunk}: number not in the dial plan", did, trunk);
            await RespondAsync(transaction, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        // RFC 4028 §6: refused before a call exists, so the caller's retry with the same
        // Call-ID does not meet a call still ending.
        if (!SipSessionTimer.TryNegotiate(request, out _))
        {
            _log.Information("INVITE to {Did} asked for too short a session interval, answered 422", did);
            await transaction.SendResponseAsync(Call.SessionIntervalTooSmall(request)).ConfigureAwait(false);
            return;
        }

        await StartCallAsync(transaction, target, trunk).ConfigureAwait(false);
    }

    private async ValueTask StartCallAsync(SipServerTransaction transaction, DialPlanTarget target, string trunk)
    {
        var call = new Call(_services, _calls, transaction, target, trunk);
        if (!_calls.TryAddCall(call))
        {
            // A second INVITE with the Call-ID of a live call but no To tag is a loop or a
            // confused peer (§8.2.2.2).
            await RespondAsync(transaction, 482, "Loop Detected").ConfigureAwait(false);
            return;
        }

        call.Start();
    }

    /// <summary>Sends a final response with a fresh To tag (§8.2.6.2).</summary>
    private static ValueTask RespondAsync(SipServerTransaction transaction, int statusCode, string reason) =>
        transaction.SendResponseAsync(
            transaction.Request.CreateResponse(statusCode, reason, SipTransactionLayer.NewTag()));

    private async ValueTask OnByeAsync(SipServerTransaction transaction)
    {
        var call = _calls.FindAny(transaction.Request.CallId);
        if (call is null && Outbound.Find(transaction.Request.CallId) is { } campaignCall)
        {
            campaignCall.ByeReceived(transaction);
            return;
        }

        if (call is null && TryDeskDialBye(transaction))
        {
            return;
        }

        if (call is null)
        {
            await RespondAsync(transaction, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        call.ByeReceived(transaction);
    }

    private ValueTask OnAckAsync(SipRequest ack, IPEndPoint remote)
    {
        _calls.FindAny(ack.CallId)?.AckReceived(ack);
        return ValueTask.CompletedTask;
    }

    /// <summary>RFC 3262 §7.2: a PRACK belongs to the caller's early dialog, or gets 481.</summary>
    private async ValueTask OnPrackAsync(SipServerTransaction transaction)
    {
        var call = _calls.FindByCaller(transaction.Request.CallId ?? string.Empty);
        if (call is null)
        {
            await RespondAsync(transaction, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        call.PrackReceived(transaction);
    }

    /// <summary>RFC 6086: an INFO belongs to a dialog of a call, or gets 481.</summary>
    private async ValueTask OnInfoAsync(SipServerTransaction transaction)
    {
        var call = transaction.Request.To?.Tag is null ? null : _calls.FindAny(transaction.Request.CallId);
        if (call is null)
        {
            await RespondAsync(transaction, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        call.InfoReceived(transaction);
    }

    /// <summary>RFC 3515: a REFER is taken inside a dialog of a call only, or gets 481.</summary>
    private async ValueTask OnReferAsync(SipServerTransaction transaction)
    {
        var call = transaction.Request.To?.Tag is null ? null : _calls.FindAny(transaction.Request.CallId);
        if (call is null)
        {
            await RespondAsync(transaction, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        call.ReferReceived(transaction);
    }

    /// <summary>RFC 3311: an UPDATE belongs to a dialog of a call, or gets 481.</summary>
    private async ValueTask OnUpdateAsync(SipServerTransaction transaction)
    {
        var call = transaction.Request.To?.Tag is null ? null : _calls.FindAny(transaction.Request.CallId);
        if (call is null)
        {
            await RespondAsync(transaction, 481, "Call/Transaction Does Not Exist").ConfigureAwait(false);
            return;
        }

        call.UpdateReceived(transaction);
    }

    private async ValueTask OnInviteCancelledAsync(SipServerTransaction invite)
    {
        var call = _calls.FindByCaller(invite.Request.CallId ?? string.Empty);
        if (call is null)
        {
            await invite.SendResponseAsync(invite.Request.CreateResponse(487, "Request Terminated"))
                .ConfigureAwait(false);
            return;
        }

        call.CallerCancelled(invite);
    }

    private ValueTask OnStrayResponseAsync(SipResponse response, IPEndPoint remote)
    {
        if (response.StatusCode is >= 200 and < 300 && response.CSeq?.Method == "INVITE")
        {
            _calls.FindAny(response.CallId)?.AgentOkRetransmitted(response);
            Outbound.Find(response.CallId)?.OkRetransmitted(response);
            DeskDialOkRetransmitted(response);
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask OnAckTimedOutAsync(SipServerTransaction invite)
    {
        _calls.FindByCaller(invite.Request.CallId ?? string.Empty)?.AckTimedOut();
        return ValueTask.CompletedTask;
    }
}
