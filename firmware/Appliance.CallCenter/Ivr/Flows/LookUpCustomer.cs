namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Look the caller's number up in the customer table and report the answer to
/// <see cref="IvrFlowRun.CustomerLookedUp"/>; the call hears nothing meanwhile.
/// </summary>
public sealed record LookUpCustomer : IvrAction
{
    public static LookUpCustomer Instance { get; } = new();
}
