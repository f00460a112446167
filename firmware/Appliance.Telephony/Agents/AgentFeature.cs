namespace Appliance.Telephony.Agents;

/// <summary>What an agent feature code asks for.</summary>
internal enum AgentFeature
{
    Ready,
    NotReady,
    ToggleLogin,
}
