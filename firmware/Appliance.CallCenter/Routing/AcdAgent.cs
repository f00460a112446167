using Appliance.CallCenter.Agents;

namespace Appliance.CallCenter.Routing;

/// <summary>
/// The distributor's runtime view of one agent. Only touched while the distributor's lock is
/// held.
/// </summary>
internal sealed class AcdAgent
{
    public AcdAgent(AgentDefinition definition)
    {
        Definition = definition;
    }

    public AgentDefinition Definition { get; set; }

    public string AgentId => Definition.AgentId;

    public AgentState State { get; set; } = AgentState.LoggedOut;

    /// <summary>Set when the phone unregistered during a call: logged out once the call ends.</summary>
    public bool LoggingOut { get; set; }

    /// <summary>Login time or end of the last call; a missed offer leaves it alone.</summary>
    public DateTimeOffset IdleSince { get; set; }

    /// <summary>Breaks ties between equal <see cref="IdleSince"/> values: lower went idle first.</summary>
    public long IdleSequence { get; set; }

    /// <summary>The call on this agent's phone, ringing or answered.</summary>
    public AcdCall? Call { get; set; }

    public bool IsLoggedIn => State != AgentState.LoggedOut && !LoggingOut;

    public bool IsMemberOf(string queue)
    {
        foreach (var name in Definition.Queues)
        {
            if (string.Equals(name, queue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool WentIdleBefore(AcdAgent other)
    {
        var order = IdleSince.CompareTo(other.IdleSince);
        return order < 0 || (order == 0 && IdleSequence < other.IdleSequence);
    }
}
