using Appliance.CallCenter.Ivr.Flows;
using Appliance.Storage;
using Appliance.Web.Flows;

namespace Appliance.Service.Web;

/// <summary>
/// The flow editor over the running box: the library calls run (which checks a document against
/// the box and stores it through its Replaced event) and the stored JSON texts.
/// </summary>
internal sealed class FlowEditor : IFlowEditor
{
    private readonly IvrFlowLibrary _library;
    private readonly ApplianceDatabase _database;

    public FlowEditor(IvrFlowLibrary library, ApplianceDatabase database)
    {
        _library = library;
        _database = database;
    }

    public IReadOnlyList<FlowText> List()
    {
        var stored = _database.Flows().ToDictionary(f => f.Name, f => f.Json, StringComparer.Ordinal);
        return
        [
            .. _library.Names()
                .Select(name => (name, document: _library.Find(name)))
                .Where(f => f.document is not null)
                .Select(f => new FlowText(
                    f.name,
                    f.document!.Version,
                    stored.GetValueOrDefault(f.name) ?? string.Empty)),
        ];
    }

    public FlowSaveResult Save(string json)
    {
        var validation = _library.Replace(json);
        var problems = validation.Problems
            .Select(p => new FlowIssue(
                p.Severity == FlowProblemSeverity.Error ? "error" : "warning",
                p.NodeId,
                p.Field,
                p.Message))
            .ToList();
        return new FlowSaveResult(validation.IsValid, validation.Document?.Name, problems);
    }
}
