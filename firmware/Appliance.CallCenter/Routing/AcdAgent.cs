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

    public DateTimeOffset StateSince { get; set; }

    /// <summary>At least one of the agent's phones is registered.</summary>
    public bool Present { get; set; }

    /// <summary>Set when the phone unregistered during a call: logged out once the call ends.</summary>
    public bool LoggingOut { get; set; }

    /// <summary>On a call the distributor did not give (a campaign call): busy, offered nothing.</summary>
    public bool Engaged { get; set; }

    /// <summary>The agent's own choice; false while not ready, whatever the phone does.</summary>
    public bool Ready { get; set; } = true;

    public NotReadyReason? Reason { get; set; }

    /// <summary>Offers missed in a row; an answer resets it.</summary>
    public int MissedOffers { get; set; }

    /// <summary>Login, end of wrap-up or last missed offer.</summary>
    public DateTimeOffset IdleSince { get; set; }

    /// <summary>Breaks ties between equal <see cref="IdleSince"/> values: lower went idle first.</summary>
    public long IdleSequence { get; set; }

    /// <summary>The call on this agent's phone, ringing or answered.</summary>
    public AcdCall? Call { get; set; }

    /// <summary>The offer ringing on this agent's phone, or null.</summary>
    public AcdRing? Ring { get; set; }

    /// <summary>Runs out the wrap-up time; null outside wrap-up.</summary>
    public ITimer? WrapUpTimer { get; set; }

    public Dictionary<string, AcdMembership> Memberships { get; } = new(StringComparer.Ordinal);

    public bool IsLoggedIn => State != AgentState.LoggedOut && !LoggingOut;

    public bool IsLoggedInTo(AcdQueue queue)
        => IsLoggedIn && Memberships.TryGetValue(queue.Name, out var member) && member.LoggedIn;

    public bool HasQueueLoggedIn()
    {
        foreach (var member in Memberships.Values)
        {
            if (member.LoggedIn)
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
