using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Dialer;
using Appliance.Media.Audio;
using Appliance.Media.Recording;
using Appliance.Telephony.Signalling;
using Serilog;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// Runs one <see cref="OutboundCampaign"/> in the live box: its <see cref="CampaignController"/>
/// decides, this places the calls it asks for over the campaign's SIP trunk, reports their
/// progress back, logs the campaign's registered extensions in and out, closes each agent's
/// wrap-up after <see cref="OutboundCampaign.WrapUpTime"/>, and hands every ended attempt to
/// the <see cref="ICampaignAttemptSink"/>. Thread-safe: the controller has its own lock and
/// each call is an actor.
/// </summary>
/// <remarks>
/// A timer wakes the campaign once a second (<see cref="CampaignController.Pace"/>), so retries
/// and calling hours that come due while nothing happens are dialled. In preview mode the
/// contacts offered wait in <see cref="Previews"/> for the agent desktop to dial or skip them.
/// </remarks>
public sealed class CampaignDialer : IAsyncDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);

    private readonly CallServices _services;
    private readonly OutboundCallRegistry _registry;
    private readonly OutboundCampaign _campaign;
    private readonly CampaignController _controller;
    private readonly ICampaignAttemptSink _sink;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, OutboundCampaignCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WrapUp> _wrapUps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CampaignPreview> _previews = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CampaignAttempt> _lastAttempts = new(StringComparer.Ordinal);
    private readonly Lock _agentLock = new();
    private readonly HashSet<string> _loggedIn = new(StringComparer.Ordinal);
    private readonly HashSet<string> _onCall = new(StringComparer.Ordinal);
    private readonly Lock _tickLock = new();
    private readonly CampaignBlending? _blending;
    private ITimer? _timer;

    /// <param name="switchboard">The box's switchboard: in-dialog requests of campaign calls come through it.</param>
    /// <param name="campaign">The campaign and its telephony settings.</param>
    /// <param name="contacts">The contacts still to be called.</param>
    /// <param name="doNotCall">Numbers never dialled.</param>
    /// <param name="sink">Where ended attempts and dispositions go.</param>
    /// <param name="previousAttempts">Attempts already made per contact id (stored before a restart).</param>
    /// <exception cref="ArgumentException">The campaign's caller id or codes are invalid (see
    /// <see cref="CampaignController"/>), or its default disposition is not one of its codes.</exception>
    public CampaignDialer(
        Switchboard switchboard,
        OutboundCampaign campaign,
        ContactList contacts,
        DoNotCallList doNotCall,
        ICampaignAttemptSink sink,
        IReadOnlyDictionary<string, int>? previousAttempts = null)
    {
        ArgumentNullException.ThrowIfNull(switchboard);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(sink);
        if (!campaign.Campaign.DispositionCodes.Contains(campaign.DefaultDisposition))
        {
            throw new ArgumentException(
                $"Default disposition '{campaign.DefaultDisposition}' is not a code of campaign {campaign.Campaign.Name}.",
                nameof(campaign));
        }

        _services = switchboard.Services;
        _registry = switchboard.Outbound;
        _campaign = campaign;
        _sink = sink;
        _log = _services.Log.ForContext("Campaign", campaign.Campaign.Name).ForContext<CampaignDialer>();
        _controller = new CampaignController(campaign.Campaign, contacts, doNotCall, _services.Time, _services.Log);
        foreach (var (contactId, attempts) in previousAttempts ?? new Dictionary<string, int>())
        {
            _attempts[contactId] = attempts;
        }

        _controller.DialRequested += Dial;
        _controller.PreviewOffered += Offer;
        _controller.HeldCallRouted += HeldCallRouted;
        if (campaign.BlendingQueues.Count > 0)
        {
            _blending = new CampaignBlending(_services.Acd, campaign.BlendingQueues, campaign.Blending);
        }
        _controller.StateChanged += state =>
            _log.Information("Campaign {Campaign} is now {State}", Name, state);
    }

    public string Name => _campaign.Campaign.Name;

    public DialingMode Mode => _campaign.Campaign.Mode;

    /// <summary>The campaign's live counters.</summary>
    public CampaignProgress Progress => _controller.Progress;

    /// <summary>The codes an agent may give (<see cref="Campaign.DispositionCodes"/>).</summary>
    public IReadOnlyList<string> DispositionCodes => _campaign.Campaign.DispositionCodes;

    /// <summary>Campaign calls in progress.</summary>
    public int ActiveCalls => _calls.Count;

    /// <summary>The contacts on agents' screens in preview mode, one per agent at most.</summary>
    public IReadOnlyList<CampaignPreview> Previews => [.. _previews.Values];

    /// <summary>The ended calls whose agents have not given their disposition yet.</summary>
    public IReadOnlyList<CampaignWrapUp> WrapUps => [.. _wrapUps.Values.Select(w =>
        new CampaignWrapUp(Name, w.AgentId, w.ContactId, w.PhoneNumber, w.SipCallId))];

    internal string AbandonPrompt => _campaign.Campaign.AbandonPrompt;

    internal bool DetectsMachines => _campaign.MachineDetection;

    /// <summary>Starts the campaign's timer, and the campaign itself when it is set to start by itself.</summary>
    public void Attach()
    {
        _services.Acd.AgentStateChanged += AcdAgentChanged;
        _timer = _services.Time.CreateTimer(_ => Tick(), null, s_tick, s_tick);
        if (_campaign.AutoStart)
        {
            TryChange(_controller.Start, "start");
        }
    }

    /// <summary>Starts dialling.</summary>
    /// <returns>False, with the reason, when the campaign's state does not allow it.</returns>
    public bool TryStart(out string? reason) => TryChange(_controller.Start, "start", out reason);

    /// <summary>Pauses dialling; previews not yet dialled are withdrawn from the agents' screens.</summary>
    public bool TryPause(out string? reason) => TryChange(_controller.Pause, "pause", out reason);

    public bool TryResume(out string? reason) => TryChange(_controller.Resume, "resume", out reason);

    /// <summary>Stops the campaign for good; calls in progress run to their end.</summary>
    public bool TryStop(out string? reason) => TryChange(_controller.Stop, "stop", out reason);

    private bool TryChange(Action change, string what) => TryChange(change, what, out _);

    private bool TryChange(Action change, string what, out string? reason)
    {
        try
        {
            change();
            if (what is "pause" or "stop")
            {
                // The controller gave the previewed contacts back to its list.
                _previews.Clear();
            }

            reason = null;
            return true;
        }
        catch (InvalidOperationException ex)
        {
            _log.Information("Campaign {Campaign} cannot {Change}: {Reason}", Name, what, ex.Message);
            reason = ex.Message;
            return false;
        }
    }

    private void Tick()
    {
        try
        {
            lock (_tickLock)
            {
                Blend();
                RefreshAgents();
            }

            _controller.Pace();
        }
        catch (Exception ex)
        {
            // A timer callback that throws would end the process; one bad tick must not.
            _log.Error(ex, "Campaign {Campaign}: pacing tick failed", Name);
        }
    }

    /// <summary>
    /// A campaign extension that registers joins; one whose registration lapsed leaves, once off
    /// its call. So does one on an inbound call (its ACD offer rings, it talks or wraps up), and
    /// one the blender gave to inbound: inbound always comes first.
    /// </summary>
    private void RefreshAgents()
    {
        foreach (var agentId in _campaign.AgentIds)
        {
            var available = _services.Registrar.Lookup(agentId).Count > 0
                && !OnInboundCall(agentId)
                && _blending?.IsOnInbound(agentId) != true;
            bool join, leave;
            lock (_agentLock)
            {
                join = available && _loggedIn.Add(agentId);
                leave = !available && !_onCall.Contains(agentId) && _loggedIn.Remove(agentId);
            }

            if (join)
            {
                _controller.AgentLoggedIn(agentId);
            }
            else if (leave)
            {
                _previews.TryRemove(agentId, out _);
                _controller.AgentLoggedOut(agentId);
            }
        }
    }

    // The ACD's state of an agent not on a campaign call: ringing, busy or wrapping up is an
    // inbound call (a campaign call's engagement also shows busy, hence the check of _onCall).
    private bool OnInboundCall(string agentId)
    {
        lock (_agentLock)
        {
            if (_onCall.Contains(agentId))
            {
                return false;
            }
        }

        try
        {
            return _services.Acd.GetAgentState(agentId) is AgentState.Ringing or AgentState.Busy or AgentState.WrapUp;
        }
        catch (ArgumentException)
        {
            // A plain extension, no ACD agent: it takes no inbound queue calls.
            return false;
        }
    }

    private void Blend()
    {
        if (_blending is null)
        {
            return;
        }

        var wasAllowed = _blending.PacingAllowed;
        var decision = _blending.Evaluate(_campaign.AgentIds, IsOnCampaignCall, _services.Time.GetUtcNow());
        foreach (var agent in decision.ToInbound)
        {
            _log.Information("Campaign {Campaign}: agent {Agent} goes to inbound ({Mode})", Name, agent, decision.Mode);
        }

        foreach (var agent in decision.ToOutbound)
        {
            _log.Information("Campaign {Campaign}: agent {Agent} comes back from inbound", Name, agent);
        }

        if (wasAllowed != decision.OutboundPacingAllowed)
        {
            _controller.HoldPacing(!decision.OutboundPacingAllowed);
        }
    }

    private bool IsOnCampaignCall(string agentId)
    {
        lock (_agentLock)
        {
            return _onCall.Contains(agentId);
        }
    }

    // An agent of the campaign changed in the ACD: an inbound offer ringing on it must take it
    // out of the campaign at once, not at the next tick.
    private void AcdAgentChanged(AgentStateChange change)
    {
        if (!_campaign.AgentIds.Contains(change.AgentId, StringComparer.Ordinal))
        {
            return;
        }

        try
        {
            lock (_tickLock)
            {
                RefreshAgents();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            _log.Warning(ex, "Campaign {Campaign}: agent {Agent} could not be refreshed", Name, change.AgentId);
        }
    }

    private void Offer(PreviewOffer offer)
    {
        // The scheduler counted the offered attempt already and stamped it now: the earlier ones
        // are the ended attempts stored (before a restart too) and the last of this run.
        var contact = offer.Contact;
        var last = _lastAttempts.GetValueOrDefault(contact.Id);
        _previews[offer.AgentId] = new CampaignPreview(
            Name,
            offer.AgentId,
            contact.Id,
            contact.PhoneNumber,
            contact.Name,
            contact.Fields,
            _attempts.GetValueOrDefault(contact.Id),
            last?.Result,
            last?.DialedUtc,
            _services.Time.GetUtcNow());
        _log.Information(
            "Campaign {Campaign} offers contact {ContactId} to agent {Agent} for preview",
            Name,
            contact.Id,
            offer.AgentId);
    }

    /// <summary>The agent dials the contact on its screen.</summary>
    /// <returns>False when the agent has no preview (skipped, dialled, or withdrawn by a pause or
    /// stop).</returns>
    public bool TryPreviewDial(string agentId) =>
        TryPreview(agentId, () => _controller.PreviewDial(agentId), "dials");

    /// <summary>The agent passes on the contact on its screen; it is offered again in 5 minutes.</summary>
    /// <returns>False when the agent has no preview.</returns>
    public bool TryPreviewSkip(string agentId) =>
        TryPreview(agentId, () => _controller.PreviewSkip(agentId), "skips");

    private bool TryPreview(string agentId, Action act, string verb)
    {
        // Remove first: the controller may offer the next contact from inside the call.
        if (!_previews.TryRemove(agentId, out var preview))
        {
            return false;
        }

        try
        {
            act();
        }
        catch (InvalidOperationException ex)
        {
            // The controller withdrew the preview (pause, stop, the agent left) before the click.
            _log.Information("Campaign {Campaign}: agent {Agent} has no preview any more: {Reason}",
                Name, agentId, ex.Message);
            return false;
        }

        _log.Information("Campaign {Campaign}: agent {Agent} {Verb} contact {ContactId}",
            Name, agentId, verb, preview.ContactId);
        return true;
    }

    private void Dial(DialRequest request)
    {
        var call = new OutboundCampaignCall(
            _services,
            this,
            _registry,
            request,
            _campaign.Trunk.DestinationsFor(request.PhoneNumber),
            _campaign.RingLimit);
        _calls[request.CallId] = call;
        call.Start();
    }

    /// <summary>The contact answered: ask the controller where the call goes.</summary>
    internal AnswerRouting? ContactAnswered(OutboundCampaignCall call)
    {
        try
        {
            var routing = _controller.CallAnswered(call.DialerCallId);
            if (routing.AgentId is { } agent)
            {
                Engage(agent);
            }

            return routing;
        }
        catch (ArgumentException ex)
        {
            _log.Warning(ex, "Campaign call {CallId} answered but unknown to the campaign", call.SipCallId);
            _calls.TryRemove(call.DialerCallId, out _);
            return null;
        }
    }

    internal TimeSpan AbandonHold => _campaign.Campaign.AbandonHold;

    /// <summary>A held call's hold ran out: the controller abandons it (and routes it through
    /// <see cref="CampaignController.HeldCallRouted"/>).</summary>
    internal void HoldRanOut() => _controller.Pace();

    /// <summary>The contact of a held call hung up before an agent was free.</summary>
    internal void HeldCallHungUp(OutboundCampaignCall call) => _controller.HeldCallHungUp(call.DialerCallId);

    private void HeldCallRouted(AnswerRouting routing)
    {
        if (!_calls.TryGetValue(routing.CallId, out var call))
        {
            _log.Warning("Campaign {Campaign}: held call {CallId} routed but no longer in progress",
                Name, routing.CallId);
            return;
        }

        if (routing.AgentId is { } agent)
        {
            Engage(agent);
            _log.Information("Campaign {Campaign}: held call {CallId} goes to agent {Agent}",
                Name, call.SipCallId, agent);
        }

        call.HeldRouted(routing);
    }

    private void Engage(string agent)
    {
        lock (_agentLock)
        {
            _onCall.Add(agent);
        }

        // The same phones may be in inbound queues: the ACD offers them nothing meanwhile.
        _services.Acd.AgentEngaged(agent);
    }

    /// <summary>An attempt ended without an agent: busy, no answer, failed or abandoned.</summary>
    internal void AttemptEnded(
        OutboundCampaignCall call,
        CallResult result,
        int sipStatus,
        string? agent,
        DateTimeOffset? answeredUtc)
    {
        _calls.TryRemove(call.DialerCallId, out _);
        DateTimeOffset? retry = null;
        if (result is not CallResult.Abandoned and not CallResult.Connected)
        {
            try
            {
                retry = _controller.CallFailed(call.DialerCallId, result);
            }
            catch (ArgumentException ex)
            {
                _log.Warning(ex, "Campaign call {CallId} ended {Result} but was unknown", call.SipCallId, result);
            }
        }

        // An abandoned attempt's retry was scheduled at the answer, long before the message ended.
        if (result == CallResult.Abandoned)
        {
            retry = _controller.ScheduledRetry(call.Request.ContactId);
        }

        Store(call, result, sipStatus, agent, answeredUtc, retry);
    }

    /// <summary>The agent could not be rung after the answer: the agent wraps up at once.</summary>
    internal void AgentLost(OutboundCampaignCall call, string agentId)
    {
        _controller.CallEnded(call.DialerCallId);
        CloseWrapUp(call.DialerCallId, call.SipCallId, agentId);
    }

    /// <summary>A bridged call hung up: the attempt is stored and the agent's wrap-up begins.</summary>
    internal void ConnectedCallEnded(
        OutboundCampaignCall call,
        int sipStatus,
        string agentId,
        DateTimeOffset? answeredUtc,
        string? recordingFile)
    {
        _calls.TryRemove(call.DialerCallId, out _);
        Store(call, CallResult.Connected, sipStatus, agentId, answeredUtc);
        _controller.CallEnded(call.DialerCallId);
        if (recordingFile is not null)
        {
            _log.Information("Campaign call {CallId} recorded to {RecordingFile}", call.SipCallId, recordingFile);
        }

        var dialerCallId = call.DialerCallId;
        var sipCallId = call.SipCallId;
        var timer = _services.Time.CreateTimer(
            _ => CloseWrapUp(dialerCallId, sipCallId, agentId),
            null,
            _campaign.WrapUpTime,
            Timeout.InfiniteTimeSpan);
        _wrapUps[dialerCallId] = new WrapUp(
            timer, sipCallId, agentId, call.Request.ContactId, call.Request.PhoneNumber);
    }

    /// <summary>
    /// The agent's disposition of the contact <paramref name="contactId"/>, given while its call
    /// is in wrap-up: the wrap-up closes now with that code instead of the default, and with
    /// <paramref name="callbackUtc"/> the contact is due again then (stored with the attempt, so
    /// the call-back survives a restart), to be taken by the same agent.
    /// </summary>
    /// <param name="contactId">The contact's id in the campaign's list.</param>
    /// <param name="dispositionCode">One of the campaign's codes.</param>
    /// <param name="callbackUtc">When to call back, or null to close the contact.</param>
    /// <param name="agentId">When not null, only a wrap-up of this agent is closed.</param>
    /// <returns>False when no call of that contact is in wrap-up (it closed already, the call
    /// has not ended, or it is another agent's).</returns>
    /// <exception cref="ArgumentException">The code is not one of the campaign's.</exception>
    public bool TryGiveDisposition(
        string contactId,
        string dispositionCode,
        DateTimeOffset? callbackUtc,
        string? agentId = null)
    {
        if (!_campaign.Campaign.DispositionCodes.Contains(dispositionCode))
        {
            throw new ArgumentException(
                $"'{dispositionCode}' is not a disposition code of campaign {Name}.",
                nameof(dispositionCode));
        }

        var entry = _wrapUps.FirstOrDefault(w =>
            w.Value.ContactId == contactId && (agentId is null || w.Value.AgentId == agentId));
        if (entry.Value is null)
        {
            return false;
        }

        return CloseWrapUp(entry.Key, entry.Value.SipCallId, entry.Value.AgentId, dispositionCode, callbackUtc, true);
    }

    /// <summary>
    /// Books again a call-back stored before a restart: the contact is due at
    /// <paramref name="dueUtc"/> (at once if that has passed), for any agent.
    /// </summary>
    /// <returns>False when the contact is not open in this campaign's list.</returns>
    public bool RestoreCallback(string contactId, DateTimeOffset dueUtc, string disposition) =>
        _controller.RestoreCallback(contactId, dueUtc, disposition);

    /// <summary>
    /// Gives a contact its attempts stored before a restart, oldest first, and the retry stored
    /// with the last (see <see cref="CampaignScheduler.Restore"/>); called before <see cref="Attach"/>.
    /// </summary>
    /// <returns>When the contact is due again, or null when it is closed or left as it was.</returns>
    public DateTimeOffset? RestoreAttempts(
        string contactId,
        IReadOnlyList<(CallResult Result, DateTimeOffset DialedUtc)> attempts,
        DateTimeOffset? retryUtc) =>
        _controller.RestoreAttempts(contactId, attempts, retryUtc);

    private void CloseWrapUp(string dialerCallId, string sipCallId, string agentId) =>
        CloseWrapUp(dialerCallId, sipCallId, agentId, _campaign.DefaultDisposition, null, false);

    // The wrap-up closes once, by its timer or by the agent: the agent's disposition closes it
    // only if it is still in the map, so a disposition racing the timer finds it gone.
    private bool CloseWrapUp(
        string dialerCallId,
        string sipCallId,
        string agentId,
        string disposition,
        DateTimeOffset? callbackUtc,
        bool byAgent)
    {
        if (_wrapUps.TryRemove(dialerCallId, out var wrapUp))
        {
            wrapUp.Timer.Dispose();
        }
        else if (byAgent)
        {
            return false;
        }

        try
        {
            _controller.WrapUpCompleted(dialerCallId, disposition, callbackUtc);
            _sink.DispositionGiven(sipCallId, disposition, callbackUtc);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            _log.Warning(ex, "Campaign call {CallId}: wrap-up of agent {Agent} could not close", sipCallId, agentId);
        }

        try
        {
            _services.Acd.AgentReleased(agentId);
        }
        catch (ObjectDisposedException)
        {
            _log.Debug("Campaign call {CallId}: the ACD stopped before agent {Agent} was released",
                sipCallId, agentId);
        }

        // After the ACD's release: an inbound call it offers the agent at once keeps the agent
        // out of the campaign, as the next refresh sees it ringing.
        lock (_agentLock)
        {
            _onCall.Remove(agentId);
        }

        return true;
    }

    private void Store(
        OutboundCampaignCall call,
        CallResult result,
        int sipStatus,
        string? agent,
        DateTimeOffset? answeredUtc,
        DateTimeOffset? retryUtc = null)
    {
        var request = call.Request;
        var attempt = new CampaignAttempt(
            Name,
            request.ContactId,
            request.PhoneNumber,
            call.SipCallId,
            _attempts.AddOrUpdate(request.ContactId, 1, (_, n) => n + 1),
            result,
            sipStatus,
            agent,
            call.DialedUtc,
            answeredUtc,
            _services.Time.GetUtcNow(),
            retryUtc);
        _lastAttempts[request.ContactId] = attempt;
        try
        {
            _sink.AttemptEnded(attempt);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Campaign call {CallId}: its result {Result} could not be stored", call.SipCallId, result);
        }

        _log.Information(
            "Campaign {Campaign} attempt {Attempt} at contact {ContactId} ended {Result}",
            Name,
            attempt.Attempt,
            attempt.ContactId,
            result);
    }

    /// <summary>Opens the recording of a bridged call like an inbound one's: recordings/day/Call-ID.wav.</summary>
    internal StereoWavRecorder? OpenRecorder(string callId, DateTimeOffset dialedUtc, out string? relativePath)
    {
        var day = dialedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var folder = Path.Combine(_services.Options.RecordingsDirectory, day);
        var path = Path.Combine(folder, SafeFileName(callId) + ".wav");
        try
        {
            Directory.CreateDirectory(folder);
            relativePath = Path.GetRelativePath(_services.Options.DataDirectory, path);
            return new StereoWavRecorder(path, new RecordingOptions
            {
                CallId = callId,
                IndexedPath = relativePath,
                Index = _services.RecordingIndex,
                Log = _log,
                Time = _services.Time,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "Campaign call {CallId}: recording to {Path} could not start", callId, path);
            relativePath = null;
            return null;
        }
    }

    private static string SafeFileName(string callId)
    {
        var builder = new StringBuilder(callId.Length);
        foreach (var c in callId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>Stops the timer and pacing, and ends every campaign call (waiting up to 5 s).</summary>
    public async ValueTask DisposeAsync()
    {
        _services.Acd.AgentStateChanged -= AcdAgentChanged;
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _controller.HoldPacing(true);
        var calls = _calls.Values.ToArray();
        foreach (var call in calls)
        {
            call.Shutdown();
        }

        var all = Task.WhenAll(calls.Select(c => c.Completion));
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) != all)
        {
            _log.Warning("Campaign {Campaign}: some calls had not ended after 5 s", Name);
        }

        foreach (var wrapUp in _wrapUps.Values)
        {
            await wrapUp.Timer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed record WrapUp(
        ITimer Timer,
        string SipCallId,
        string AgentId,
        string ContactId,
        string PhoneNumber);
}
