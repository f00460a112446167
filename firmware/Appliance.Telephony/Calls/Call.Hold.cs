using System.Net;
using Appliance.Media.Audio;
using Appliance.Media.Engine;
using Appliance.Sip.Sdp;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Hold and resume (RFC 3264 §8.4, RFC 6337 §5): the direction a peer gives in its SDP decides
/// whether the box sends it audio. A caller who holds stops hearing the box while the agent
/// hears what the caller's phone sends (its music on hold); an agent who holds stops hearing
/// the caller, and the caller hears the queue's hold music until the agent resumes.
/// </summary>
internal sealed partial class Call
{
    private bool _callerHolds;
    private bool _agentHolds;
    private IAudioSource? _callerSourceBeforeHold;

    /// <summary>
    /// The direction the peer states for its audio: sendonly and inactive (or the RFC 2543
    /// hold address 0.0.0.0) mean it does not want our media.
    /// </summary>
    private static bool PeerRefusesMedia(SdpSession peer)
    {
        foreach (var stream in peer.Media)
        {
            if (stream.MediaType != "audio" || stream.Port == 0)
            {
                continue;
            }

            var connection = stream.ConnectionAddress ?? peer.ConnectionAddress;
            var held = IPAddress.TryParse(connection, out var address) && address.Equals(IPAddress.Any);
            return held || stream.Direction is SdpDirection.SendOnly or SdpDirection.Inactive;
        }

        return false;
    }

    /// <summary>Applies the peer's SDP direction to the leg whose RTP endpoint is given.</summary>
    private void ApplyPeerDirection(RtpEndpoint rtp, SdpSession peer)
    {
        var refuses = PeerRefusesMedia(peer);
        rtp.SendPaused = refuses || (_deskHolds && !ReferenceEquals(rtp, _callerRtp));
        if (ReferenceEquals(rtp, _callerRtp))
        {
            if (refuses != _callerHolds)
            {
                _callerHolds = refuses;
                if (refuses)
                {
                    _log.Information("Call {CallId}: caller put the call on hold", CallId);
                }
                else
                {
                    _log.Information("Call {CallId}: caller resumed the call", CallId);
                }
            }

            return;
        }

        if (refuses == _agentHolds)
        {
            return;
        }

        _agentHolds = refuses;
        if (refuses)
        {
            _log.Information(
                "Call {CallId}: agent {Agent} put the caller on hold",
                CallId,
                _connected?.AgentId);
        }
        else
        {
            _log.Information("Call {CallId}: agent {Agent} resumed the call", CallId, _connected?.AgentId);
        }
        if (_phase == CallPhase.Bridged && !_deskHolds)
        {
            PlayHoldMusicToCaller(refuses);
        }
    }

    /// <summary>
    /// While the agent holds, the caller hears the queue's hold prompt instead of the bridge;
    /// on resume the bridge feeds the caller again.
    /// </summary>
    private void PlayHoldMusicToCaller(bool holding)
    {
        if (_callerRtp is null)
        {
            return;
        }

        if (!holding)
        {
            if (_callerSourceBeforeHold is not null)
            {
                _callerRtp.Source = _callerSourceBeforeHold;
                _callerSourceBeforeHold = null;
            }

            return;
        }

        var prompt = _record.Queue is { } queue ? _services.Queues(queue)?.HoldPrompt : null;
        if (prompt is null || _callerSourceBeforeHold is not null)
        {
            return;
        }

        _callerSourceBeforeHold = _callerRtp.Source;
        var player = new PromptPlayer { Loop = true };
        player.Enqueue(PromptSamples(prompt));
        _callerRtp.Source = player;
    }
}
