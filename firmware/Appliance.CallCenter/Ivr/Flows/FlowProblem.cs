namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// One finding of the validator: the node (null for the document itself) and the field it is
/// about, and what is wrong in a sentence. Errors stop the document; warnings do not.
/// </summary>
public sealed record FlowProblem(FlowProblemSeverity Severity, string? NodeId, string Field, string Message)
{
    public override string ToString() =>
        NodeId is null
            ? $"{Severity}: field '{Field}': {Message}"
            : $"{Severity}: node '{NodeId}', field '{Field}': {Message}";
}
