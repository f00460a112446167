namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Looks the caller's number up in the customer table. A customer found sets
/// <c>customer.name</c>, <c>customer.account</c>, <c>customer.vip</c> (the VIP priority, 0 for
/// none) and <c>customer.language</c> and goes to <paramref name="Known"/>; an unknown or
/// withheld number sets nothing and goes to <paramref name="Unknown"/>.
/// </summary>
public sealed record LookupNode(string Id, string Known, string Unknown) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() =>
        [("known", Known), ("unknown", Unknown)];
}
