namespace Appliance.Web.Flows;

/// <summary>
/// The editor of a box that runs no flow documents: it lists none and refuses every document,
/// saying so on the <c>json</c> field.
/// </summary>
public sealed class NoFlowEditor : IFlowEditor
{
    public IReadOnlyList<FlowText> List() => [];

    public FlowSaveResult Save(string json) =>
        new(false, null, [new FlowIssue("error", null, "json", "this box runs no IVR flow documents")]);
}
