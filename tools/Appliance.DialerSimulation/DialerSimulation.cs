using System.Globalization;
using Appliance.CallCenter.Dialer;
using Serilog.Core;

namespace Appliance.DialerSimulation;

/// <summary>
/// A discrete-event simulation of one shift of an outbound campaign, driving the real
/// <see cref="CampaignController"/>, scheduler and pacing on a fake clock. Telephony and the
/// agents are played here: every dial request gets an outcome drawn from the
/// <see cref="ContactModel"/>, connected calls talk and wrap up for drawn times. Everything
/// random comes from one seeded <see cref="Random"/>, so a seed always gives the same shift.
/// </summary>
internal sealed class DialerSimulation
{
    // 09:00 in New York on a Monday in winter; the shift stays inside the default calling hours.
    private static readonly DateTimeOffset s_shiftStart = new(2025, 3, 3, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_paceInterval = TimeSpan.FromSeconds(5);

    private readonly SimulationSettings _settings;
    private readonly ContactModel _model;
    private readonly Random _random;
    private readonly SimulationClock _clock = new(s_shiftStart);
    private readonly PriorityQueue<Action, (DateTimeOffset At, long Seq)> _events = new();
    private readonly Dictionary<string, DateTimeOffset> _talking = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _wrapping = new(StringComparer.Ordinal);
    private readonly CampaignController _controller;
    private readonly DateTimeOffset _end;
    private long _seq;
    private TimeSpan _talk;
    private TimeSpan _wrap;
    private int _dials;
    private int _connected;
    private int _abandoned;
    private int _machines;

    private DialerSimulation(SimulationSettings settings)
    {
        _settings = settings;
        _model = settings.Model;
        _random = new Random(settings.Seed);
        _end = s_shiftStart + settings.Shift;
        var campaign = new Campaign
        {
            Name = "sim",
            CallerId = "+12125550000",
            TrunkGroup = "sim",
            Mode = settings.Mode,
            PowerCallsPerAgent = settings.PowerCallsPerAgent,
            Predictive = settings.Predictive,
            AbandonHold = settings.AbandonHold,
        };
        _controller = new CampaignController(campaign, CreateContacts(settings), new DoNotCallList(), _clock,
            Logger.None);
        _controller.DialRequested += OnDialRequested;
        _controller.HeldCallRouted += Routed;
    }

    /// <summary>Runs one shift and returns what it measured.</summary>
    public static SimulationResult Run(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DialerSimulation(settings).RunShift();
    }

    private SimulationResult RunShift()
    {
        _controller.Start();
        for (var i = 0; i < _settings.Agents; i++)
        {
            _controller.AgentLoggedIn($"agent-{i + 1:D3}");
        }

        At(s_paceInterval, PaceTick);
        while (_events.TryDequeue(out var action, out var key) && key.At <= _end)
        {
            _clock.Now = key.At;
            action();
        }

        _clock.Now = _end;
        foreach (var start in _talking.Values)
        {
            _talk += _end - start;
        }

        foreach (var start in _wrapping.Values)
        {
            _wrap += _end - start;
        }

        return new SimulationResult
        {
            Mode = _settings.Mode,
            Agents = _settings.Agents,
            Shift = _settings.Shift,
            Dials = _dials,
            Connected = _connected,
            Abandoned = _abandoned,
            Machines = _machines,
            TalkTime = _talk,
            WrapUpTime = _wrap,
            FinalThreshold = _controller.Pacing is PredictivePacing p ? p.Threshold : double.NaN,
            ForecastAbandons = _controller.Pacing is PredictivePacing f ? f.ForecastAbandons : double.NaN,
        };
    }

    private void PaceTick()
    {
        _controller.Pace();
        At(s_paceInterval, PaceTick);
    }

    private void OnDialRequested(DialRequest request)
    {
        _dials++;
        var callId = request.CallId;
        var draw = _random.NextDouble();
        var m = _model;
        if (draw < m.AnswerProbability)
        {
            At(Ring(), () => Answered(callId));
        }
        else if (draw < m.AnswerProbability + m.MachineProbability)
        {
            At(Ring(), () =>
            {
                _machines++;
                _controller.CallFailed(callId, CallResult.Machine);
            });
        }
        else if (draw < m.AnswerProbability + m.MachineProbability + m.BusyProbability)
        {
            At(m.BusyTime, () => _controller.CallFailed(callId, CallResult.Busy));
        }
        else if (draw < m.AnswerProbability + m.MachineProbability + m.BusyProbability + m.FailedProbability)
        {
            At(m.FailedTime, () => _controller.CallFailed(callId, CallResult.Failed));
        }
        else
        {
            At(m.NoAnswerTimeout, () => _controller.CallFailed(callId, CallResult.NoAnswer));
        }
    }

    private void Answered(string callId)
    {
        var routing = _controller.CallAnswered(callId);
        if (routing.IsHeld)
        {
            // The host wakes the controller when the hold runs out.
            At(_settings.AbandonHold + TimeSpan.FromMilliseconds(1), _controller.Pace);
            return;
        }

        Routed(routing);
    }

    private void Routed(AnswerRouting routing)
    {
        var callId = routing.CallId;
        if (routing.IsAbandoned)
        {
            _abandoned++;
            return;
        }

        _connected++;
        _talking[callId] = _clock.Now;
        var talk = _model.DrawTalk(_random);
        var wrapUp = _model.DrawWrapUp(_random);
        At(talk, () =>
        {
            _talk += _clock.Now - _talking[callId];
            _talking.Remove(callId);
            _wrapping[callId] = _clock.Now;
            _controller.CallEnded(callId);
            At(wrapUp, () =>
            {
                _wrap += _clock.Now - _wrapping[callId];
                _wrapping.Remove(callId);
                _controller.WrapUpCompleted(callId, "sale");
            });
        });
    }

    private TimeSpan Ring()
        => _model.RingMin + (_model.RingMax - _model.RingMin) * _random.NextDouble();

    private void At(TimeSpan delay, Action action) => _events.Enqueue(action, (_clock.Now + delay, _seq++));

    // Enough fresh contacts that the list never runs dry in the shift, all in one zone.
    private static ContactList CreateContacts(SimulationSettings settings)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var count = (int)(settings.Agents * settings.Shift.TotalHours * 200);
        var contacts = new ContactList();
        for (var i = 0; i < count; i++)
        {
            var number = "+1212" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
            contacts.TryAdd(new Contact($"c{i}", number, zone));
        }

        return contacts;
    }
}
