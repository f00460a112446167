namespace Appliance.CallCenter.Dialer;

/// <summary>A contact put on an agent's screen in preview mode; the agent dials it or skips it.</summary>
public sealed record PreviewOffer(string AgentId, Contact Contact);
