namespace Appliance.CallCenter.Queues;

/// <summary>
/// The configuration of one queue. Names are compared ordinally (case matters).
/// </summary>
/// <param name="Name">The queue name that dial plans, IVR menus and agents refer to.</param>
/// <param name="Strategy">How the agent for a call is chosen.</param>
/// <param name="RingTimeout">How long one agent's phone rings before the next agent is tried.</param>
/// <param name="HoldPrompt">The prompt name played to waiting callers, or null for silence.</param>
public sealed record QueueDefinition(
    string Name,
    QueueStrategy Strategy,
    TimeSpan RingTimeout,
    string? HoldPrompt);
