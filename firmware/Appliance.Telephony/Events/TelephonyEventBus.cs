using Serilog;

namespace Appliance.Telephony.Events;

/// <summary>
/// The one in-process bus every change of a call or an agent is published on: the CTI stream,
/// the wallboard and the front panel subscribe here rather than to the call actors.
/// </summary>
/// <remarks>
/// Thread-safe. Handlers run synchronously on the publisher's thread (a call's mailbox or a
/// registrar callback), so they must be quick and must not block; a handler that throws is
/// logged and the others still run, so a broken subscriber never costs a call.
/// </remarks>
public sealed class TelephonyEventBus
{
    private readonly ILogger _log;

    public TelephonyEventBus(ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log.ForContext<TelephonyEventBus>();
    }

    /// <summary>Raised for each step of each call.</summary>
    public event Action<CallEvent>? CallChanged;

    /// <summary>Raised when an agent's registration or readiness changes.</summary>
    public event Action<AgentEvent>? AgentChanged;

    public void Publish(CallEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(CallChanged, change);
    }

    public void Publish(AgentEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(AgentChanged, change);
    }

    private void Deliver<T>(Action<T>? handlers, T change)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action<T>)handler)(change);
            }
            catch (Exception ex)
            {
                _log.Error(ex, "An event subscriber failed on {Event}", change);
            }
        }
    }
}
