using Appliance.Media.Engine;
using Appliance.Media.Mixing;
using Appliance.Telephony.Agents;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Supervision of a bridged call. The supervisor's own call (to *81, *82 or *83 and an agent's
/// extension) finds the call that agent is bridged on and hands it the supervisor's leg; that
/// call turns its bridge into a <see cref="MediaMixer"/> (the recording goes on) and joins the
/// leg as a listener, a whisperer heard by the agent only, or a third talker. A new supervision
/// call from the same supervisor replaces the old one, which is how a re-dial switches mode; the
/// supervisor hanging up leaves the mixer; the supervised call ending, or being transferred,
/// hangs the supervisors up. Each call's state is touched only on its own mailbox.
/// </summary>
internal sealed partial class Call
{
    // On the supervised call: the mixer that replaced the bridge and who is in it.
    private MediaMixer? _mixer;
    private readonly Dictionary<string, (Call Call, RtpEndpoint Leg)> _supervisors =
        new(StringComparer.Ordinal);

    // On a supervisor's call: the call it joined, and that call's mixer.
    private (Call Call, MediaMixer Mixer)? _supervised;

    /// <summary>
    /// True when this call is, as far as another thread can tell, bridged to the agent; the call
    /// checks again on its own mailbox before it lets a supervisor in.
    /// </summary>
    internal bool SeemsBridgedTo(string agentId) =>
        _phase == CallPhase.Bridged && string.Equals(_connected?.AgentId, agentId, StringComparison.Ordinal);

    /// <summary>
    /// Changes what a supervisor already in this call does (for the web room's buttons);
    /// <paramref name="done"/> gets false when that supervisor is not in the call.
    /// </summary>
    internal void ChangeSupervision(string supervisor, MixRole role, Action<bool> done) => Post(() =>
    {
        if (_mixer is null || _connected is null || !_supervisors.TryGetValue(supervisor, out var entry))
        {
            done(false);
            return;
        }

        _mixer.SetRole(entry.Leg, role, role == MixRole.Whisper ? _connected.Rtp : null);
        _log.Information(
            "Call {CallId}: supervisor {Supervisor} now in {Role} mode on agent {Agent}",
            CallId,
            supervisor,
            role,
            _connected.AgentId);
        done(true);
    });

    private void StartSupervising(string supervisor, SupervisorFeatureCode code)
    {
        if (!_services.Options.Supervisors.Contains(supervisor))
        {
            _log.Warning(
                "Security: call {CallId}: extension {Supervisor} dialled {FeatureCode} but is not a supervisor",
                CallId,
                supervisor,
                _target.Name);
            RefuseSupervision();
            return;
        }

        var target = _registry.Calls.FirstOrDefault(c => c != this && c.SeemsBridgedTo(code.AgentId));
        if (target is null)
        {
            _log.Information(
                "Call {CallId}: supervisor {Supervisor} dialled {FeatureCode}, agent {Agent} is on no call",
                CallId,
                supervisor,
                _target.Name,
                code.AgentId);
            RefuseSupervision();
            return;
        }

        target.AdmitSupervisor(this, supervisor, _callerRtp!, code);
    }

    private void RefuseSupervision() =>
        Play(
            [AgentFeaturePrompts.Refused],
            loop: false,
            completed: () => Post(() => EndAsync(CallEnding.ByTheBox)));

    /// <summary>On the supervised call's mailbox: the supervisor's leg joins the mixer.</summary>
    private void AdmitSupervisor(
        Call from,
        string supervisor,
        RtpEndpoint leg,
        SupervisorFeatureCode code) => Post(() =>
    {
        if (_phase != CallPhase.Bridged || _connected is null || _connected.AgentId != code.AgentId
            || (_bridge is null && _mixer is null))
        {
            from.SupervisionEnded(this, refused: true);
            return;
        }

        if (_mixer is null)
        {
            _mixer = MediaMixer.TakeOver(_bridge!, _services.Clock, _log);
            _bridge = null;
        }

        if (_supervisors.Remove(supervisor, out var previous))
        {
            _mixer.Leave(previous.Leg);
            previous.Call.SupervisionEnded(this, refused: false);
        }

        _mixer.Join(leg, code.Role, code.Role == MixRole.Whisper ? _connected.Rtp : null);
        _supervisors[supervisor] = (from, leg);
        from.SupervisionStarted(this, _mixer);
        _log.Information(
            "Call {CallId}: supervisor {Supervisor} joined agent {Agent} in {Role} mode",
            CallId,
            supervisor,
            code.AgentId,
            code.Role);
    });

    /// <summary>On the supervisor's mailbox: in the room, until either side hangs up.</summary>
    private void SupervisionStarted(Call supervised, MediaMixer mixer) => Post(() =>
    {
        if (_phase == CallPhase.Ended)
        {
            // The supervisor hung up while being let in.
            mixer.Leave(_callerRtp!);
            return;
        }

        _supervised = (supervised, mixer);
    });

    /// <summary>On the supervisor's mailbox: refused, replaced by a re-dial, or the call is over.</summary>
    private void SupervisionEnded(Call supervised, bool refused) => Post(async () =>
    {
        if (refused)
        {
            RefuseSupervision();
            return;
        }

        if (_supervised is { } current && current.Call == supervised)
        {
            _supervised = null;
            await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
        }
    });

    /// <summary>On the supervised call's mailbox: the supervisor hung up.</summary>
    private void SupervisorLeft(string supervisor, RtpEndpoint leg) => Post(() =>
    {
        if (_supervisors.TryGetValue(supervisor, out var entry) && entry.Leg == leg)
        {
            _supervisors.Remove(supervisor);
            _log.Information("Call {CallId}: supervisor {Supervisor} left", CallId, supervisor);
        }
    });

    /// <summary>
    /// Ends either side of supervision: a supervisor's call leaves the mixer at once (the mixer
    /// is thread-safe) so its leg can be closed; a supervised call hangs its supervisors up and
    /// gives the caller and agent legs back for the next bridge.
    /// </summary>
    private void StopSupervision()
    {
        if (_supervised is { } joined)
        {
            _supervised = null;
            joined.Mixer.Leave(_callerRtp!);
            joined.Call.SupervisorLeft(_record.CallerNumber ?? string.Empty, _callerRtp!);
        }

        foreach (var (_, entry) in _supervisors)
        {
            _mixer?.Leave(entry.Leg);
            entry.Call.SupervisionEnded(this, refused: false);
        }

        _supervisors.Clear();
        StopDeskSupervision();
        _mixer?.Dispose();
        _mixer = null;
    }
}
