using System.Threading.Channels;
using Serilog;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The mailbox of one call actor: work items posted from any thread (SIP callbacks, the media
/// clock, RTP receive loops, ACD events, timers) run one at a time in the order they were posted,
/// so the call's state needs no locks.
/// </summary>
/// <remarks>
/// A work item that throws is logged and the mailbox carries on: one bad event must not leave
/// a call that nobody can hang up.
/// </remarks>
internal sealed class CallMailbox
{
    private readonly Channel<Func<ValueTask>> _items = Channel.CreateUnbounded<Func<ValueTask>>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly ILogger _log;
    private readonly Task _loop;

    public CallMailbox(ILogger log)
    {
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a work item; returns false once the mailbox is closed.</summary>
    public bool Post(Func<ValueTask> item) => _items.Writer.TryWrite(item);

    /// <summary>Queues a synchronous work item.</summary>
    public bool Post(Action item) => Post(() =>
    {
        item();
        return ValueTask.CompletedTask;
    });

    /// <summary>Stops taking new items; items already queued still run.</summary>
    public void Close() => _items.Writer.TryComplete();

    /// <summary>Completes when every queued item has run after <see cref="Close"/>.</summary>
    public Task Completion => _loop;

    private async Task RunAsync()
    {
        await foreach (var item in _items.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await item().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log.Error(ex, "Call work item failed");
            }
        }
    }
}
