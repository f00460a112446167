namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>Which side a blended agent takes calls from.</summary>
public enum AgentAssignment
{
    Inbound,
    Outbound,
}
