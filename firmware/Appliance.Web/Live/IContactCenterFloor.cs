namespace Appliance.Web.Live;

/// <summary>
/// The live state of the call center as the web sees it: calls in progress, agents, queues,
/// the commands a desktop or the CTI API may give, and a stream of changes. The service
/// implements it over the switchboard, the ACD and the telephony event bus.
/// </summary>
/// <remarks>Thread-safe; <see cref="Changed"/> handlers run on telephony threads and must not block.</remarks>
public interface IContactCenterFloor
{
    IReadOnlyList<LiveCall> Calls { get; }

    IReadOnlyList<LiveAgent> Agents { get; }

    IReadOnlyList<LiveQueue> Queues { get; }

    /// <summary>Queues waiting past their threshold and trunks out of service, right now.</summary>
    IReadOnlyList<FloorAlarm> Alarms { get; }

    /// <summary>Marks an agent ready or not ready with a reason.</summary>
    /// <returns>False when there is no such agent.</returns>
    bool SetAgentReady(string agentId, bool ready, string? reason);

    /// <summary>Hangs up a call in progress.</summary>
    /// <returns>False when no such call is in progress.</returns>
    bool HangUp(string callId);

    /// <summary>
    /// Holds (or resumes) the caller of a call bridged to an agent: the agent's leg is kept and
    /// muted, the caller hears the queue's hold prompt.
    /// </summary>
    /// <returns>False when no such call is bridged to an agent.</returns>
    Task<bool> HoldAsync(string callId, bool hold);

    /// <summary>Ends the agent's wrap-up now: it is ready for the next call.</summary>
    /// <returns>False when the agent is not in wrap-up.</returns>
    bool EndWrapUp(string agentId);

    /// <summary>Raised for every change of a call or an agent.</summary>
    event Action<FloorEvent>? Changed;
}
