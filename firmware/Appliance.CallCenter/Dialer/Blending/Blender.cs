namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>
/// Blends a pool of agents between inbound and outbound by the inbound load. Inbound always has
/// priority: while any inbound call waits, no idle blended agent stays on outbound and outbound
/// pacing is held, so agents finishing an outbound call are not given another one. Pressure
/// (waiting calls or service level past <see cref="BlendingOptions"/>) latches: outbound resumes
/// and agents return only once inbound has been quiet (nobody waiting, service level back over
/// <see cref="BlendingOptions.ServiceLevelQuiet"/>) for <see cref="BlendingOptions.QuietTime"/>,
/// keeping <see cref="BlendingOptions.InboundReserve"/> idle agents on inbound.
/// <para>Pure logic: the host calls <see cref="Evaluate"/> on every change of the inbound figures
/// or of an agent, and on a timer. Not thread safe.</para>
/// </summary>
public sealed class Blender
{
    private readonly BlendingOptions _options;
    private DateTimeOffset? _quietSince;

    public Blender(BlendingOptions? options = null)
    {
        _options = options ?? new BlendingOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.WaitingCallsHigh);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.InboundReserve);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.QuietTime.Ticks);
    }

    public BlendingMode Mode { get; private set; } = BlendingMode.Normal;

    public BlendingDecision Evaluate(InboundLoad load, IReadOnlyList<BlendedAgent> agents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var pressure = load.WaitingCalls >= _options.WaitingCallsHigh
            || load.ServiceLevel < _options.ServiceLevelLow;
        var quiet = load.WaitingCalls == 0 && load.ServiceLevel >= _options.ServiceLevelQuiet;

        if (pressure)
        {
            Mode = BlendingMode.InboundPressure;
            _quietSince = null;
        }
        else if (Mode == BlendingMode.InboundPressure)
        {
            _quietSince = quiet ? _quietSince ?? now : null;
            if (_quietSince is { } since && now - since >= _options.QuietTime)
            {
                Mode = BlendingMode.Normal;
                _quietSince = null;
            }
        }

        var toInbound = new List<string>();
        var toOutbound = new List<string>();
        if (Mode == BlendingMode.InboundPressure || load.WaitingCalls > 0)
        {
            // Under pressure outbound is held, so an idle outbound agent has nothing to do there;
            // otherwise as many as the callers waiting that no idle inbound agent will take.
            var wanted = Mode == BlendingMode.InboundPressure
                ? int.MaxValue
                : Math.Max(load.WaitingCalls - load.IdleInboundAgents, 0);
            foreach (var agent in agents)
            {
                if (agent is { Assignment: AgentAssignment.Outbound, IsIdle: true } && toInbound.Count < wanted)
                {
                    toInbound.Add(agent.Id);
                }
            }
        }
        else
        {
            var keep = Math.Max(0, _options.InboundReserve - CountIdleInbound(agents, load));
            foreach (var agent in agents)
            {
                if (agent is { Assignment: AgentAssignment.Inbound, IsIdle: true })
                {
                    if (keep > 0)
                    {
                        keep--;
                        continue;
                    }

                    toOutbound.Add(agent.Id);
                }
            }
        }

        var allowed = Mode == BlendingMode.Normal && load.WaitingCalls == 0;
        return new BlendingDecision(Mode, allowed, toInbound, toOutbound);
    }

    // Idle inbound agents outside the blended pool count towards the reserve.
    private static int CountIdleInbound(IReadOnlyList<BlendedAgent> agents, InboundLoad load)
    {
        var pooled = 0;
        foreach (var agent in agents)
        {
            pooled += agent is { Assignment: AgentAssignment.Inbound, IsIdle: true } ? 1 : 0;
        }

        return Math.Max(0, load.IdleInboundAgents - pooled);
    }
}
