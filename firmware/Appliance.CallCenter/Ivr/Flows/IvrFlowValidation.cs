namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>The outcome of <see cref="IvrFlowValidator.Validate"/>: the document when it has no errors.</summary>
public sealed record IvrFlowValidation(IvrFlowDocument? Document, IReadOnlyList<FlowProblem> Problems)
{
    public bool IsValid => Document is not null;

    public IEnumerable<FlowProblem> Errors => Problems.Where(p => p.Severity == FlowProblemSeverity.Error);

    public IEnumerable<FlowProblem> Warnings => Problems.Where(p => p.Severity == FlowProblemSeverity.Warning);
}
