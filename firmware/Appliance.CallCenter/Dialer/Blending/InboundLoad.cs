namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>
/// The inbound queue's figures the blender reacts to, gathered by the host from the ACD.
/// </summary>
/// <param name="WaitingCalls">Callers queued now, not yet offered to an agent.</param>
/// <param name="ServiceLevel">Share of recent inbound calls answered within the service-level
/// time (0 to 1); 1 when no call came in recently.</param>
/// <param name="IdleInboundAgents">Agents on inbound free to take a call now.</param>
public readonly record struct InboundLoad(int WaitingCalls, double ServiceLevel, int IdleInboundAgents);
