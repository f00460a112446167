using Appliance.Media.Engine;
using Appliance.Media.Jitter;
using Appliance.Media.Quality;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The call's media housekeeping: which legs are decoded through a jitter buffer, the media
/// timeout that hangs up a call whose far end went silent, and the quality summary that goes
/// into the call record.
/// </summary>
internal sealed partial class Call
{
    private static readonly TimeSpan s_mediaCheckInterval = TimeSpan.FromSeconds(1);

    private ITimer? _mediaTimer;

    /// <summary>
    /// Gives both legs of a recorded bridge a jitter buffer, so the recording and the far side
    /// hear each leg in timestamp order; an unrecorded bridge passes audio in arrival order
    /// like a relay, which adds no delay.
    /// </summary>
    private void UseJitterBuffers(AgentLeg leg, bool decoded)
    {
        if (!decoded)
        {
            return;
        }

        _callerRtp!.JitterBuffer = new AdaptiveJitterBuffer(_services.Time);
        leg.Rtp.JitterBuffer = new AdaptiveJitterBuffer(_services.Time);
    }

    /// <summary>Checks once a second, on the mailbox, that the caller and the agent still send.</summary>
    private void StartMediaWatch()
    {
        var timeout = _services.Options.MediaTimeout;
        if (timeout <= TimeSpan.Zero || _mediaTimer is not null)
        {
            return;
        }

        _mediaTimer = _services.Time.CreateTimer(
            _ => Post(() => CheckMediaAsync(timeout)),
            null,
            s_mediaCheckInterval,
            s_mediaCheckInterval);
    }

    private void StopMediaWatch()
    {
        _mediaTimer?.Dispose();
        _mediaTimer = null;
    }

    private async ValueTask CheckMediaAsync(TimeSpan timeout)
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        var silent = Silent(_callerLeft ? null : _callerRtp, timeout) ? "caller"
            : Silent(_connected?.Rtp, timeout) ? "agent"
            : null;
        if (silent is null)
        {
            return;
        }

        _log.Warning(
            "Call {CallId} hung up: no RTP from the {Side} for {TimeoutSeconds} s",
            CallId,
            silent,
            timeout.TotalSeconds);
        await EndAsync(CallEnding.ByTheBox).ConfigureAwait(false);
    }

    private static bool Silent(RtpEndpoint? rtp, TimeSpan timeout) =>
        rtp is not null && rtp.RemoteEndPoint is not null && rtp.SinceLastPacket >= timeout;

    /// <summary>Puts the worse leg's quality into the record; a call without media leaves it empty.</summary>
    private void NoteQuality()
    {
        CallQuality? quality = null;
        foreach (var rtp in new[] { _callerRtp, _connected?.Rtp })
        {
            if (rtp is null || rtp.PacketsReceived == 0)
            {
                continue;
            }

            var leg = rtp.Quality;
            quality = quality is { } other ? CallQuality.Worse(other, leg) : leg;
        }

        if (quality is not { } worst)
        {
            return;
        }

        _record.LossPercent = worst.LossPercent;
        _record.JitterMs = worst.JitterMs;
        _record.RoundTripMs = worst.RoundTripMs;
        _record.RFactor = worst.RFactor;
        _record.Mos = worst.Mos;
        _log.Information(
            "Call {CallId} media: loss {LossPercent} %, jitter {JitterMs} ms, MOS {Mos}",
            CallId,
            worst.LossPercent,
            worst.JitterMs,
            worst.Mos);
    }
}
