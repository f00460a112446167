namespace Appliance.CallCenter.Dialer;

/// <summary>One busy agent as pacing sees it: the phase and how long it has lasted so far.</summary>
public readonly record struct AgentActivity(AgentPhase Phase, TimeSpan Elapsed);
