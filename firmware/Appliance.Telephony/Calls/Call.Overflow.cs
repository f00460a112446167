using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.Telephony.Calls;

/// <summary>The part of a call that follows a queue rule out of its queue.</summary>
internal sealed partial class Call
{
    /// <summary>
    /// A queue rule moved the call: into another queue (the caller hears that queue's hold music
    /// and announcements and the record names the new queue), to voicemail, to a callback offer
    /// (the call keeps waiting meanwhile), to an external number through the outbound routes (the
    /// apology when it is not reached), or out of the ACD, where the caller hears the apology and
    /// the box hangs up.
    /// </summary>
    public void Overflowed(AcdOverflow overflow) => Post(() =>
    {
        if (_phase != CallPhase.Queued)
        {
            return;
        }

        if (overflow.Exit.Kind == QueueExitKind.Queue)
        {
            _log.Information(
                "Call {CallId} moved from queue {Queue} to {Target}: {OverflowReason}",
                CallId,
                overflow.Queue,
                overflow.Exit.Target,
                overflow.Reason);
            _record.Queue = overflow.Exit.Target;
            if (_services.Queues(overflow.Exit.Target!) is { } next)
            {
                // The caller now hears the new queue's music and announcements.
                StopWaitingAnnouncements();
                if (next.HoldPrompt is not null)
                {
                    Play([next.HoldPrompt], loop: true, completed: null);
                }

                StartWaitingAnnouncements(next);
            }

            return;
        }

        if (overflow.Exit is { Kind: QueueExitKind.Voicemail, Target: { } mailbox })
        {
            _log.Information(
                "Call {CallId} left queue {Queue} for mailbox {Mailbox}: {OverflowReason}",
                CallId,
                overflow.Queue,
                mailbox,
                overflow.Reason);
            SendToVoicemail(mailbox);
            return;
        }

        if (overflow.Exit.Kind == QueueExitKind.Callback)
        {
            // The call still waits in its queue; the caller decides whether to be called back.
            OfferCallback();
            return;
        }

        if (overflow.Exit is { Kind: QueueExitKind.External, Target: { } number })
        {
            _log.Information(
                "Call {CallId} left queue {Queue} for external number {Number}: {OverflowReason}",
                CallId,
                overflow.Queue,
                number,
                overflow.Reason);
            StopWaitingAnnouncements();
            _record.LeftQueueUtc = _services.Time.GetUtcNow();
            TransferToNumber(number, fromOverflow: true);
            return;
        }

        NoAgentsLeft();
    });
}
