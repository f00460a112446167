namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Ring <paramref name="Extension"/> for the caller, or the external number it holds when
/// <paramref name="External"/> is set. The flow waits: <see cref="IvrFlowRun.TransferFailed"/>
/// goes on at the node's failed branch when the transfer does not connect.
/// </summary>
public sealed record TransferCall(string Extension, bool External = false) : IvrAction;
