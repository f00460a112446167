namespace Appliance.CallCenter.Routing;

/// <summary>Which distributor event an <see cref="AcdEvent"/> raises.</summary>
internal enum AcdEventKind
{
    Offer,
    Withdrawn,
    NoAgents,
    Overflowed,
    AgentStateChanged,
    CallStep,
    CallbackDue,
}
