namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>Ring <paramref name="Extension"/> for the caller; the flow is over.</summary>
public sealed record TransferCall(string Extension) : IvrAction;
