using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace Appliance.CallCenter.Tests.Routing;

/// <summary>
/// Builds a distributor on a fake clock with the demo queues and records its events as short
/// strings ("offer c1 1001", "withdraw c1 1001 RingNoAnswer", "no-agents c1 sales",
/// "callback c1 sales 5551234").
/// </summary>
internal sealed class AcdHarness : IDisposable
{
    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(15);

    private readonly List<string> _events = [];

    private AcdHarness(IEnumerable<AgentDefinition> agents)
        : this(
            [
                new QueueDefinition("sales", QueueStrategy.LongestIdle, RingTimeout, "hold"),
                new QueueDefinition("support", QueueStrategy.LongestIdle, RingTimeout, "hold"),
            ],
            agents,
            [])
    {
    }

    private AcdHarness(
        IEnumerable<QueueDefinition> queues,
        IEnumerable<AgentDefinition> agents,
        IEnumerable<NotReadyReason> reasons)
    {
        Logs = new CollectingSink();
        var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Logs).CreateLogger();
        Acd = new AutomaticCallDistributor(Time, log, new Random(7));
        Acd.Configure(queues, agents, reasons);
        Acd.OfferCall += offer => Record($"offer {offer.CallId} {offer.AgentId}");
        Acd.OfferWithdrawn += offer => Record($"withdraw {offer.CallId} {offer.AgentId} {offer.Reason}");
        Acd.CallNoAgents += (callId, queue) => Record($"no-agents {callId} {queue}");
        Acd.CallOverflowed += o => Record($"overflow {o.CallId} {o.Queue} {o.Reason} {o.Exit}");
        Acd.CallbackDue += c => Record($"callback {c.CallbackId} {c.Queue} {c.Number}");
        Acd.AgentStateChanged += change =>
        {
            lock (_changes)
            {
                _changes.Add(change);
            }
        };
        Acd.CallStep += step =>
        {
            lock (_steps)
            {
                _steps.Add(step);
            }
        };
    }

    private readonly List<AgentStateChange> _changes = [];
    private readonly List<AcdCallEvent> _steps = [];

    public IReadOnlyList<AgentStateChange> StateChanges
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public IReadOnlyList<AcdCallEvent> Steps
    {
        get
        {
            lock (_steps)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>A distributor with the given queues, agents and not-ready reasons.</summary>
    public static AcdHarness With(
        IEnumerable<QueueDefinition> queues,
        IEnumerable<AgentDefinition> agents,
        params NotReadyReason[] reasons)
        => new(queues, agents, reasons);

    /// <summary>A queue with the harness ring timeout and no hold prompt.</summary>
    public static QueueDefinition Queue(string name, QueueStrategy strategy = QueueStrategy.LongestIdle)
        => new(name, strategy, RingTimeout, null);

    /// <summary>An agent in the given queues.</summary>
    public static AgentDefinition Agent(string id, params string[] queues) => new(id, queues);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    public AutomaticCallDistributor Acd { get; }

    public CollectingSink Logs { get; }

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Agents in both demo queues.</summary>
    public static AcdHarness WithAgents(params string[] agentIds)
        => new(agentIds.Select(id => new AgentDefinition(id, ["sales", "support"])));

    public static AcdHarness WithAgents(params AgentDefinition[] agents) => new(agents);

    /// <summary>Logs agents in one second apart, so the first is the longest idle.</summary>
    public AcdHarness LogIn(params string[] agentIds)
    {
        foreach (var id in agentIds)
        {
            Acd.AgentAvailable(id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return this;
    }

    /// <summary>Answers the offer and ends the call a little later, leaving the agent idle.</summary>
    public void AnswerAndEnd(string callId, string agentId)
    {
        Assert.True(Acd.OfferAnswered(callId, agentId));
        Time.Advance(TimeSpan.FromSeconds(30));
        Acd.CallEnded(callId, agentId);
    }

    public void ClearEvents()
    {
        lock (_events)
        {
            _events.Clear();
        }
    }

    public void Dispose() => Acd.Dispose();

    private void Record(string e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }
}
