namespace Appliance.Web.Flows;

/// <summary>
/// One problem of a flow document as the editor shows it: <c>error</c> or <c>warning</c>, the
/// node it is about (null for the document itself), the field, and a sentence.
/// </summary>
public sealed record FlowIssue(string Severity, string? Node, string Field, string Message);
