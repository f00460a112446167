using Appliance.Media.Mixing;
using Appliance.Sip.Messages;
using Appliance.Telephony.Events;

namespace Appliance.Telephony.Calls;

/// <summary>
/// A conference the agent's desktop makes of its call: the box rings another extension and, on
/// its answer, turns the bridge into the call's <see cref="MediaMixer"/> (the recording goes on)
/// with the new party as a third talker, so each hears the other two. Whoever leaves, the call
/// goes on while two parties remain: an agent who leaves is free in the ACD and the first added
/// party carries the call on; a caller who leaves leaves the agent and the others talking.
/// </summary>
internal sealed partial class Call
{
    // The parties added from the desktop that have answered, beside the caller and _connected.
    private readonly List<AgentLeg> _conferenceLegs = [];
    private AgentLeg? _conferenceRinging;
    private bool _callerLeft;

    private bool InConference => _conferenceLegs.Count > 0 || _conferenceRinging is not null;

    /// <summary>Rings <paramref name="extension"/> to join the bridged call as a third party.</summary>
    internal void ConferenceFromDesk(string extension, Action<DeskCallOutcome> done) => Post(() =>
    {
        if (_phase != CallPhase.Bridged || _connected is null || _callerLeft)
        {
            done(DeskCallOutcome.NotBridged);
            return;
        }

        if (_transferor is not null || _consultation is not null || _deskHolds || _conferenceRinging is not null)
        {
            done(DeskCallOutcome.Busy);
            return;
        }

        if (!IsOtherExtension(extension) || _conferenceLegs.Exists(l => l.AgentId == extension))
        {
            done(DeskCallOutcome.UnknownTarget);
            return;
        }

        _conferenceRinging = TryRingDirect(extension, AgentLegPurpose.Conference);
        if (_conferenceRinging is null)
        {
            done(DeskCallOutcome.Unavailable);
            return;
        }

        _log.Information(
            "Call {CallId}: agent {Agent} adds {Extension} to the call",
            CallId,
            _connected.AgentId,
            extension);
        done(DeskCallOutcome.Done);
    });

    private async ValueTask ConferenceAnsweredAsync(AgentLeg leg, SipResponse? response)
    {
        if (leg == _conferenceRinging)
        {
            _conferenceRinging = null;
        }

        var media = response is { StatusCode: < 300 }
            ? await AcknowledgeAsync(leg, response).ConfigureAwait(false)
            : null;
        if (media is null || _phase != CallPhase.Bridged || leg.State != AgentLegState.Ringing
            || (_bridge is null && _mixer is null))
        {
            _log.Information(
                "Call {CallId}: {Extension} did not join the conference ({Status})",
                CallId,
                leg.AgentId,
                response?.StatusCode ?? 408);
            await HangUpLegAsync(leg).ConfigureAwait(false);
            return;
        }

        ConfigureRtp(leg.Rtp, media.Value);
        leg.State = AgentLegState.Connected;
        if (_mixer is null)
        {
            _mixer = MediaMixer.TakeOver(_bridge!, _services.Clock, _log);
            _bridge = null;
        }

        _mixer.Join(leg.Rtp, MixRole.Talk);
        _conferenceLegs.Add(leg);
        _log.Information(
            "Call {CallId}: {Extension} joined the conference; {Parties} parties talk",
            CallId,
            leg.AgentId,
            Talkers);
    }

    private int Talkers => (_callerLeft ? 0 : 1) + (_connected is null ? 0 : 1) + _conferenceLegs.Count;

    /// <summary>A BYE from a conference party, or from the agent while a conference runs.</summary>
    /// <returns>True when the BYE was handled here.</returns>
    private async ValueTask<bool> ConferenceLegLeftAsync(AgentLeg leg)
    {
        if (_conferenceLegs.Remove(leg))
        {
            _log.Information("Call {CallId}: {Extension} left the conference", CallId, leg.AgentId);
            _mixer?.Leave(leg.Rtp);
            leg.State = AgentLegState.Ended;
            await ReleaseLegAsync(leg).ConfigureAwait(false);
            await EndConferenceIfAloneAsync().ConfigureAwait(false);
            return true;
        }

        if (leg != _connected || _conferenceLegs.Count == 0)
        {
            return false;
        }

        // The agent goes and is free; the first party added carries the call on.
        _log.Information("Call {CallId}: agent {Agent} left the conference", CallId, leg.AgentId);
        _mixer?.Leave(leg.Rtp);
        if (leg.Purpose == AgentLegPurpose.Offer)
        {
            _services.Acd.CallEnded(CallId, leg.AgentId);
        }

        leg.State = AgentLegState.Ended;
        _connected = _conferenceLegs[0];
        _conferenceLegs.RemoveAt(0);
        await ReleaseLegAsync(leg).ConfigureAwait(false);
        Publish(CallEventKind.Answered, _connected.AgentId);
        await EndConferenceIfAloneAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The caller hung up during a conference: the others talk on.</summary>
    /// <returns>True when the call goes on without the caller.</returns>
    private async ValueTask<bool> CallerLeftConferenceAsync()
    {
        if (_conferenceLegs.Count == 0 || _phase != CallPhase.Bridged || _callerLeft)
        {
            return false;
        }

        _log.Information("Call {CallId}: caller left the conference", CallId);
        _callerLeft = true;
        _mixer?.Leave(_callerRtp!);
        await EndConferenceIfAloneAsync().ConfigureAwait(false);
        return true;
    }

    private async ValueTask EndConferenceIfAloneAsync()
    {
        if (Talkers >= 2)
        {
            return;
        }

        _log.Information("Call {CallId}: the conference is down to one party; the call ends", CallId);
        await EndAsync(_callerLeft ? CallEnding.CallerHungUp : CallEnding.ByTheBox).ConfigureAwait(false);
    }
}
