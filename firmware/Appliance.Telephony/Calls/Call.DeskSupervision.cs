using Appliance.Media.Engine;
using Appliance.Media.Mixing;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Listen, whisper and barge from the wallboard: the box has rung the supervisor's phone (a
/// <see cref="DeskDialCall"/>) and, on its answer, hands this call the supervisor's leg. The call
/// turns its bridge into its mixer as for a supervisor who dialled *81-*83 and joins the leg as a
/// listener, a whisperer heard by the agent only, or a third talker; the wallboard switches the
/// mode of a supervisor already in. The call ending hangs the supervisor's phone up.
/// </summary>
internal sealed partial class Call
{
    private readonly Dictionary<DeskDialCall, RtpEndpoint> _deskSupervisors = new();

    /// <summary>True when this call is, as far as another thread can tell, bridged to an agent.</summary>
    internal bool SeemsBridged => _phase == CallPhase.Bridged && _connected is not null;

    /// <summary>On this call's mailbox: the supervisor's answered leg joins the mixer.</summary>
    internal void AdmitDeskSupervisor(DeskDialCall from, RtpEndpoint leg, MixRole role) => Post(() =>
    {
        if (_phase != CallPhase.Bridged || _connected is null || _callerLeft
            || (_bridge is null && _mixer is null))
        {
            _log.Information(
                "Call {CallId}: supervisor {Supervisor} cannot join: the call is not bridged",
                CallId,
                from.Extension);
            from.DeskSupervisionEnded();
            return;
        }

        if (_mixer is null)
        {
            _mixer = MediaMixer.TakeOver(_bridge!, _services.Clock, _log);
            _bridge = null;
        }

        _mixer.Join(leg, role, role == MixRole.Whisper ? _connected.Rtp : null);
        _deskSupervisors[from] = leg;
        from.DeskSupervisionStarted(_mixer);
        _log.Information(
            "Call {CallId}: supervisor {Supervisor} joined agent {Agent} in {Role} mode from the wallboard",
            CallId,
            from.Extension,
            _connected.AgentId,
            role);
    });

    /// <summary>Switches a wallboard supervisor already in the call to <paramref name="role"/>.</summary>
    internal void ChangeDeskSupervision(DeskDialCall from, MixRole role, Action<bool> done) => Post(() =>
    {
        if (_mixer is null || _connected is null || !_deskSupervisors.TryGetValue(from, out var leg))
        {
            done(false);
            return;
        }

        _mixer.SetRole(leg, role, role == MixRole.Whisper ? _connected.Rtp : null);
        _log.Information(
            "Call {CallId}: supervisor {Supervisor} now in {Role} mode on agent {Agent}",
            CallId,
            from.Extension,
            role,
            _connected.AgentId);
        done(true);
    });

    /// <summary>On this call's mailbox: the supervisor hung up (its leg has left the mixer).</summary>
    internal void DeskSupervisorLeft(DeskDialCall from) => Post(() =>
    {
        if (_deskSupervisors.Remove(from))
        {
            _log.Information("Call {CallId}: supervisor {Supervisor} left", CallId, from.Extension);
        }
    });

    /// <summary>The call is over or gives up its mixer: the wallboard supervisors are hung up.</summary>
    private void StopDeskSupervision()
    {
        foreach (var (from, leg) in _deskSupervisors)
        {
            _mixer?.Leave(leg);
            from.DeskSupervisionEnded();
        }

        _deskSupervisors.Clear();
    }
}
