namespace Appliance.Web.Flows;

/// <summary>The outcome of <see cref="IFlowEditor.Save"/>: whether the document was taken, and why not.</summary>
public sealed record FlowSaveResult(bool Saved, string? Name, IReadOnlyList<FlowIssue> Problems);
