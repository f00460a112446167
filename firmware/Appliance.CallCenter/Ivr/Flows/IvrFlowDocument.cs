namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// A validated IVR flow: its nodes by id, the node a call starts at, the holidays its conditions
/// look up, and the version its author gave it (reported with each call that ran it).
/// </summary>
public sealed record IvrFlowDocument(
    string Name,
    int Version,
    string Start,
    IReadOnlyDictionary<string, FlowNode> Nodes,
    IReadOnlySet<DateOnly> Holidays);
