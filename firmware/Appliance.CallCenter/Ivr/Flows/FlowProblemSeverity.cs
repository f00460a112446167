namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>How bad a <see cref="FlowProblem"/> is.</summary>
public enum FlowProblemSeverity
{
    /// <summary>The document still works (e.g. a node nothing leads to).</summary>
    Warning,

    /// <summary>The document is refused.</summary>
    Error,
}
