namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// One step of an <see cref="IvrFlowDocument"/>, named by <see cref="Id"/>; the fields named
/// like <c>Next</c> or <c>Invalid</c> hold the ids of the nodes the call goes to.
/// </summary>
public abstract record FlowNode(string Id)
{
    /// <summary>The ids of every node this one can lead to, for the validator.</summary>
    public abstract IEnumerable<(string Field, string Target)> Branches();
}
