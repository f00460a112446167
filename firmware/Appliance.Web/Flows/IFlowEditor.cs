namespace Appliance.Web.Flows;

/// <summary>
/// The IVR flow documents of the running box, as the flow editor page sees them. The service
/// fills it in with the call center's flow library, which checks a document against the box
/// (queues, prompts), stores it and hands it to the next call; calls already in a flow finish
/// on the version they started with.
/// </summary>
public interface IFlowEditor
{
    /// <summary>Every stored flow with its current JSON text, by name.</summary>
    IReadOnlyList<FlowText> List();

    /// <summary>Validates <paramref name="json"/> and, when it has no errors, makes it current.</summary>
    /// <returns>The flow's name (null when the text names none) and every problem found, errors
    /// and warnings; <see cref="FlowSaveResult.Saved"/> says whether the document was taken.</returns>
    FlowSaveResult Save(string json);
}
