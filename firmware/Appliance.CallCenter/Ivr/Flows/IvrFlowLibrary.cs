namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// The current version of each flow by name. <see cref="Replace"/> takes effect for calls that
/// start afterwards; a call already in a flow keeps the document it started with. Thread safe.
/// </summary>
public sealed class IvrFlowLibrary
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IvrFlowDocument> _flows = new(StringComparer.Ordinal);

    /// <summary>
    /// Validates <paramref name="json"/> and, when it has no errors, makes it the flow of its
    /// name for new calls. The validation is returned either way; a refused document changes nothing.
    /// </summary>
    public IvrFlowValidation Replace(string json)
    {
        var validation = IvrFlowValidator.Validate(json);
        if (validation.Document is { } document)
        {
            lock (_gate)
            {
                _flows[document.Name] = document;
            }
        }

        return validation;
    }

    /// <summary>The flow's current version, or null when there is no such flow.</summary>
    public IvrFlowDocument? Find(string name)
    {
        lock (_gate)
        {
            return _flows.GetValueOrDefault(name);
        }
    }

    /// <summary>Starts a call on the current version of flow <paramref name="name"/>; null when unknown.</summary>
    public IvrFlowRun? StartRun(string name, TimeProvider time)
    {
        var document = Find(name);
        return document is null ? null : new IvrFlowRun(document, time);
    }
}
