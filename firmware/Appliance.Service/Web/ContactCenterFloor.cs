using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Figures;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Telephony.Events;
using Appliance.Telephony.Signalling;
using Appliance.Telephony.Trunks;
using Appliance.Web.Live;

namespace Appliance.Service.Web;

/// <summary>
/// The web's view of the floor over the switchboard, the ACD and the telephony event bus:
/// live calls are kept from the bus's call events, agent states are the ACD's joined with
/// registration and readiness, each with the time it was entered.
/// </summary>
/// <remarks>Thread-safe: one lock over the two maps; the ACD and switchboard lock their own.</remarks>
internal sealed class ContactCenterFloor : IContactCenterFloor
{
    private readonly Switchboard _switchboard;
    private readonly AutomaticCallDistributor _acd;
    private readonly Func<IEnumerable<string>> _agentIds;
    private readonly TimeProvider _time;
    private readonly CallCenterFigures _figures;
    private readonly Func<string, QueueDefinition?> _definitions;
    private readonly Func<TrunkStatusSnapshot>? _trunks;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LiveCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string State, DateTimeOffset Since)> _agentStates = new(StringComparer.Ordinal);

    public ContactCenterFloor(
        Switchboard switchboard,
        AutomaticCallDistributor acd,
        Func<IEnumerable<string>> agentIds,
        CallCenterFigures figures,
        Func<string, QueueDefinition?> definitions,
        Func<TrunkStatusSnapshot>? trunks,
        TimeProvider time)
    {
        _figures = figures;
        _definitions = definitions;
        _trunks = trunks;
        _switchboard = switchboard;
        _acd = acd;
        _agentIds = agentIds;
        _time = time;
        if (switchboard.Events is { } events)
        {
            events.CallChanged += OnCallChanged;
            events.AgentChanged += OnAgentChanged;
        }
    }

    public event Action<FloorEvent>? Changed;

    public IReadOnlyList<LiveCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls.Values.OrderBy(c => c.ArrivedUtc)];
            }
        }
    }

    public IReadOnlyList<LiveAgent> Agents => [.. _agentIds().Select(AgentNow)];

    public IReadOnlyList<LiveQueue> Queues => [.. _acd.QueueNames().Select(name =>
    {
        var snapshot = _acd.Snapshot(name);
        var interval = _figures.Queue(name, _time.GetUtcNow());
        var counted = interval.Offered - interval.ShortAbandoned;
        var threshold = _definitions(name)?.ServiceLevelTarget ?? TimeSpan.FromSeconds(20);
        return new LiveQueue(
            name,
            snapshot.WaitingCalls,
            (int)snapshot.LongestWait.TotalSeconds,
            snapshot.IdleAgents,
            snapshot.RingingAgents,
            snapshot.BusyAgents,
            counted > 0 ? Math.Round(interval.ServiceLevel * 100, 1) : null,
            (int)threshold.TotalSeconds);
    })];

    public IReadOnlyList<FloorAlarm> Alarms
    {
        get
        {
            var alarms = new List<FloorAlarm>();
            foreach (var queue in Queues.Where(q => q.WaitingCalls > 0 && q.LongestWaitSeconds > q.ServiceLevelSeconds))
            {
                alarms.Add(new FloorAlarm(
                    "queue-over-threshold",
                    queue.Name,
                    $"{queue.WaitingCalls} waiting, the longest for {queue.LongestWaitSeconds} s "
                    + $"(threshold {queue.ServiceLevelSeconds} s)"));
            }

            if (_trunks?.Invoke() is { } trunks)
            {
                foreach (var port in trunks.Ports.Where(p => !p.InService))
                {
                    alarms.Add(new FloorAlarm("trunk-down", port.Name, $"port {port.Port} in alarm: {port.Alarms}"));
                }

                foreach (var group in trunks.Groups.Where(g => !g.InService))
                {
                    alarms.Add(new FloorAlarm("trunk-down", group.Name, $"{group.Kind} trunk group out of service"));
                }
            }

            return alarms;
        }
    }

    public bool SetAgentReady(string agentId, bool ready, string? reason) =>
        _switchboard.SetAgentReady(agentId, ready, reason);

    public bool HangUp(string callId) => _switchboard.HangUp(callId);

    public Task<bool> HoldAsync(string callId, bool hold) => _switchboard.HoldAsync(callId, hold);

    public bool EndWrapUp(string agentId) => _acd.EndWrapUp(agentId);

    private LiveAgent AgentNow(string agentId)
    {
        var (ready, reason) = _switchboard.AgentReadiness(agentId);
        var acdState = _acd.GetAgentState(agentId);
        lock (_lock)
        {
            var registered = _registered.GetValueOrDefault(agentId);
            var state = acdState switch
            {
                AgentState.Ringing => "ringing",
                AgentState.Busy => "busy",
                AgentState.WrapUp => "wrap-up",
                AgentState.Idle => "ready",
                _ when !registered => "logged-out",
                _ when !ready => "not-ready",
                _ => "logged-out",
            };
            var now = _time.GetUtcNow();
            if (!_agentStates.TryGetValue(agentId, out var known) || known.State != state)
            {
                known = (state, now);
                _agentStates[agentId] = known;
            }

            var call = _calls.Values.FirstOrDefault(c => c.Agent == agentId);
            return new LiveAgent(agentId, state, state == "not-ready" ? reason : null, known.Since, call?.CallId);
        }
    }

    private void OnCallChanged(CallEvent change)
    {
        var kind = change.Kind.ToString().ToLowerInvariant();
        lock (_lock)
        {
            if (change.Kind == CallEventKind.Ended)
            {
                _calls.Remove(change.CallId);
            }
            else
            {
                var arrived = _calls.TryGetValue(change.CallId, out var known) ? known.ArrivedUtc : change.AtUtc;
                _calls[change.CallId] = new LiveCall(
                    change.CallId,
                    change.CallerNumber,
                    change.Did,
                    change.IvrChoice,
                    change.Queue,
                    change.Agent,
                    kind,
                    arrived,
                    change.AtUtc,
                    change.Variables);
            }
        }

        Raise(new FloorEvent(
            "call",
            kind,
            change.CallId,
            change.Agent,
            change.CallerNumber,
            change.Did,
            change.IvrChoice,
            change.Queue,
            change.Disposition,
            change.AtUtc,
            change.Variables));
        if (change.Agent is not null)
        {
            AgentNow(change.Agent);
        }
    }

    private void OnAgentChanged(AgentEvent change)
    {
        lock (_lock)
        {
            _registered[change.AgentId] = change.Registered;
        }

        var state = AgentNow(change.AgentId);
        Raise(new FloorEvent(
            "agent",
            state.State,
            CallId: null,
            change.AgentId,
            CallerNumber: null,
            Did: null,
            IvrChoice: null,
            Queue: null,
            change.Reason,
            change.AtUtc));
    }

    private void Raise(FloorEvent change) => Changed?.Invoke(change);
}
