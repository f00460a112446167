using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;

namespace Appliance.Telephony.Calls;

/// <summary>
/// What a queued caller hears besides the hold music: its position and expected wait on joining
/// and at the queue's interval, and the queue's comfort message. Each interrupts the music, which
/// starts again from the top afterwards.
/// </summary>
internal sealed partial class Call
{
    private ITimer? _announceTimer;
    private ITimer? _comfortTimer;

    private void StartWaitingAnnouncements(QueueDefinition queue)
    {
        if (queue.AnnouncePositionEvery is { } every)
        {
            AnnouncePosition(queue);
            _announceTimer = _services.Time.CreateTimer(
                _ => Post(() => AnnouncePosition(queue)),
                null,
                every,
                every);
        }

        if (queue is { ComfortPrompt: { } comfort, ComfortEvery: { } comfortEvery })
        {
            _comfortTimer = _services.Time.CreateTimer(
                _ => Post(() => PlayWhileWaiting(queue, [comfort])),
                null,
                comfortEvery,
                comfortEvery);
        }
    }

    private void StopWaitingAnnouncements()
    {
        _announceTimer?.Dispose();
        _announceTimer = null;
        _comfortTimer?.Dispose();
        _comfortTimer = null;
    }

    private void AnnouncePosition(QueueDefinition queue)
    {
        if (_phase != CallPhase.Queued || _services.Acd.PositionOf(CallId) is not { } position)
        {
            return;
        }

        var wait = _services.ServiceRates?.ExpectedWait(queue.Name, position);
        var prompts = WaitAnnouncement.Prompts(position, wait);
        _log.Information(
            "Call {CallId} told its position {Position} in queue {Queue}, expected wait {ExpectedWait}",
            CallId,
            position,
            queue.Name,
            wait?.ToString("c", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
        PlayWhileWaiting(queue, prompts);
    }

    private void PlayWhileWaiting(QueueDefinition queue, IReadOnlyList<string> prompts)
    {
        if (_phase != CallPhase.Queued || prompts.Count == 0)
        {
            return;
        }

        Play(prompts, loop: false, completed: () =>
        {
            if (_phase != CallPhase.Queued)
            {
                return;
            }

            if (queue.HoldPrompt is not null)
            {
                Play([queue.HoldPrompt], loop: true, completed: null);
            }
            else
            {
                _callerRtp!.Source = null;
            }
        });
    }
}
