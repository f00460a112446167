using System.Diagnostics;
using Appliance.CallCenter.Routing;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Appliance.RoutingSimulation;

/// <summary>
/// A discrete-event simulation that drives the real <see cref="AutomaticCallDistributor"/> on a
/// <see cref="FakeTimeProvider"/>: callers arrive by Poisson processes, agents answer at once,
/// talk for an exponential time and hang up; impatient callers abandon after an exponential
/// patience. The clock jumps from one event to the next, so an hour takes milliseconds.
/// </summary>
/// <remarks>Single-threaded: the distributor's events are raised on the thread that runs the
/// simulation, and answers are given straight after the input that caused them.</remarks>
public sealed class RoutingSimulation
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly SimulationScenario _scenario;
    private readonly FakeTimeProvider _time = new(s_start);
    private readonly Random _random;
    private readonly PriorityQueue<SimulationEvent, (long, long)> _events = new();
    private readonly Dictionary<string, CallInProgress> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueFigures> _figures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _targets = new(StringComparer.Ordinal);
    private readonly List<AcdOffer> _offers = [];
    private readonly List<long> _decisionTicks = [];
    private readonly DateTimeOffset _measureFrom;
    private readonly DateTimeOffset _arrivalsEnd;
    private long _sequence;
    private long _callNumber;

    private RoutingSimulation(SimulationScenario scenario)
    {
        _scenario = scenario;
        _random = new Random(scenario.Seed);
        _measureFrom = s_start + scenario.WarmUp;
        _arrivalsEnd = _measureFrom + scenario.Duration;
        foreach (var queue in scenario.Queues)
        {
            _figures[queue.Name] = new QueueFigures(queue.Name, scenario.Batches);
            _targets[queue.Name] = queue.ServiceLevelTarget;
        }
    }

    /// <summary>Runs the scenario to the end of its measured time and until every call has left.</summary>
    public static SimulationResult Run(SimulationScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new RoutingSimulation(scenario).RunCore();
    }

    private SimulationResult RunCore()
    {
        var wall = Stopwatch.StartNew();
        using var acd = new AutomaticCallDistributor(_time, Logger.None, new Random(_scenario.Seed + 1));
        acd.Configure(_scenario.Queues, _scenario.Agents);
        acd.OfferCall += _offers.Add;
        acd.CallStep += Record;
        foreach (var agent in _scenario.Agents)
        {
            acd.AgentAvailable(agent.AgentId);
        }

        foreach (var queue in _scenario.Queues)
        {
            if (_scenario.ArrivalsPerHour.GetValueOrDefault(queue.Name) > 0)
            {
                ScheduleArrival(queue.Name);
            }
        }

        while (_events.TryDequeue(out var next, out _))
        {
            if (next.At > _time.GetUtcNow())
            {
                _time.Advance(next.At - _time.GetUtcNow());
                AnswerOffers(acd);
            }

            Handle(acd, next);
            AnswerOffers(acd);
        }

        return new SimulationResult(
            [.. _scenario.Queues.Select(q => _figures[q.Name])],
            _decisionTicks,
            wall.Elapsed,
            _time.GetUtcNow() - s_start);
    }

    private void Handle(AutomaticCallDistributor acd, SimulationEvent e)
    {
        switch (e.Kind)
        {
            case SimulationEventKind.Arrival:
                Arrive(acd, e.Queue);
                break;
            case SimulationEventKind.Patience:
                if (_calls.TryGetValue(e.CallId!, out var waiting) && waiting.Agent is null)
                {
                    acd.Abandon(e.CallId!);
                }

                break;
            case SimulationEventKind.HangUp:
                _calls.Remove(e.CallId!);
                var started = Stopwatch.GetTimestamp();
                acd.CallEnded(e.CallId!, e.Agent!);
                Measure(started);
                break;
        }
    }

    private void Arrive(AutomaticCallDistributor acd, string queue)
    {
        ScheduleArrival(queue);
        var callId = "c" + (++_callNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        _calls[callId] = new CallInProgress(queue);
        if (_scenario.Patience is { } patience)
        {
            Schedule(new SimulationEvent(now + Exponential(patience), SimulationEventKind.Patience, queue, callId, null));
        }

        var started = Stopwatch.GetTimestamp();
        var result = acd.Enqueue(callId, queue);
        Measure(started);
        if (result != EnqueueResult.Queued)
        {
            _calls.Remove(callId);
        }
    }

    private void AnswerOffers(AutomaticCallDistributor acd)
    {
        // Answering raises no new offer, so the list does not grow while it is walked.
        for (var i = 0; i < _offers.Count; i++)
        {
            var offer = _offers[i];
            if (!_calls.TryGetValue(offer.CallId, out var call) || call.Agent is not null)
            {
                continue;
            }

            if (acd.OfferAnswered(offer.CallId, offer.AgentId))
            {
                call.Agent = offer.AgentId;
                var end = _time.GetUtcNow() + Exponential(_scenario.HandleTime);
                Schedule(new SimulationEvent(end, SimulationEventKind.HangUp, call.Queue, offer.CallId, offer.AgentId));
            }
        }

        _offers.Clear();
    }

    private void Record(AcdCallEvent step)
    {
        if (step.Kind == AcdCallEventKind.Abandoned)
        {
            _calls.Remove(step.CallId);
        }

        var arrived = step.AtUtc - step.Duration;
        if (step.Kind is not (AcdCallEventKind.Answered or AcdCallEventKind.Abandoned)
            || arrived < _measureFrom
            || arrived >= _arrivalsEnd)
        {
            return;
        }

        var batchLength = _scenario.Duration.Ticks / _scenario.Batches;
        var index = (int)Math.Min(_scenario.Batches - 1, (arrived - _measureFrom).Ticks / batchLength);
        var batch = _figures[step.Queue].Batches[index];
        batch.Offered++;
        if (step.Kind == AcdCallEventKind.Abandoned)
        {
            batch.Abandoned++;
            batch.Waited++;
            return;
        }

        batch.Answered++;
        batch.Waited += step.Duration > TimeSpan.Zero ? 1 : 0;
        batch.WithinTarget += step.Duration <= _targets[step.Queue] ? 1 : 0;
        batch.AnsweredWaitSeconds += step.Duration.TotalSeconds;
    }

    private void ScheduleArrival(string queue)
    {
        var perHour = _scenario.ArrivalsPerHour[queue];
        var at = _time.GetUtcNow() + Exponential(TimeSpan.FromHours(1 / perHour));
        if (at < _arrivalsEnd)
        {
            Schedule(new SimulationEvent(at, SimulationEventKind.Arrival, queue, null, null));
        }
    }

    private void Schedule(SimulationEvent e) => _events.Enqueue(e, (e.At.UtcTicks, ++_sequence));

    private TimeSpan Exponential(TimeSpan mean)
        => TimeSpan.FromTicks((long)(-Math.Log(1 - _random.NextDouble()) * mean.Ticks));

    private void Measure(long started)
    {
        if (_scenario.MeasureLatency)
        {
            _decisionTicks.Add(Stopwatch.GetTimestamp() - started);
        }
    }

    private sealed class CallInProgress(string queue)
    {
        public string Queue { get; } = queue;

        public string? Agent { get; set; }
    }
}
