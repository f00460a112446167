using Appliance.CallCenter.Agents;

namespace Appliance.CallCenter.Figures;

/// <summary>The figures of one agent over one 15-minute interval.</summary>
public sealed class AgentInterval
{
    private readonly TimeSpan[] _timeIn = new TimeSpan[Enum.GetValues<AgentState>().Length];

    public AgentInterval(string agentId, DateTimeOffset startUtc)
    {
        AgentId = agentId;
        StartUtc = startUtc;
    }

    public string AgentId { get; }

    public DateTimeOffset StartUtc { get; }

    public int CallsAnswered { get; internal set; }

    public TimeSpan TotalTalk { get; internal set; }

    /// <summary>Time the agent spent in <paramref name="state"/> within this interval.</summary>
    public TimeSpan TimeIn(AgentState state) => _timeIn[(int)state];

    /// <summary>Busy and wrap-up time over the time the agent was logged in and ready or working.</summary>
    public double Occupancy
    {
        get
        {
            var working = TimeIn(AgentState.Busy) + TimeIn(AgentState.WrapUp);
            var available = working + TimeIn(AgentState.Idle) + TimeIn(AgentState.Ringing);
            return available > TimeSpan.Zero ? working / available : 0;
        }
    }

    internal void Add(AgentState state, TimeSpan time) => _timeIn[(int)state] += time;

    internal AgentInterval Copy()
    {
        var copy = new AgentInterval(AgentId, StartUtc) { CallsAnswered = CallsAnswered, TotalTalk = TotalTalk };
        _timeIn.CopyTo(copy._timeIn, 0);
        return copy;
    }
}
