namespace Appliance.Telephony.Calls;

/// <summary>
/// Hold and resume commanded from the agent's desktop. The box holds the caller without any
/// SIP: the agent's leg is kept and muted (the box stops sending it RTP, the agent's phone is
/// not re-INVITEd), and the caller hears the queue's hold prompt in place of the agent until
/// the desktop resumes. A hold the agent's phone asked for itself (re-INVITE sendonly) is kept
/// apart: resuming from the desktop does not undo it.
/// </summary>
internal sealed partial class Call
{
    private bool _deskHolds;

    /// <summary>
    /// Holds (or resumes) the caller of a bridged call; <paramref name="done"/> gets false when
    /// the call is not bridged to an agent, true otherwise (also when nothing needed to change).
    /// </summary>
    internal void HoldFromDesk(bool hold, Action<bool> done) => Post(() =>
    {
        if (_phase != CallPhase.Bridged || _connected is null)
        {
            done(false);
            return;
        }

        if (hold == _deskHolds)
        {
            done(true);
            return;
        }

        _deskHolds = hold;
        _connected.Rtp.SendPaused = hold || _agentHolds;
        if (!_agentHolds)
        {
            PlayHoldMusicToCaller(hold);
        }

        if (hold)
        {
            _log.Information(
                "Call {CallId}: agent {Agent} held the caller from the desktop",
                CallId,
                _connected.AgentId);
        }
        else
        {
            _log.Information(
                "Call {CallId}: agent {Agent} resumed the caller from the desktop",
                CallId,
                _connected.AgentId);
        }

        done(true);
    });
}
