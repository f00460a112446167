namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// The current version of each flow by name. <see cref="Replace"/> takes effect for calls that
/// start afterwards; a call already in a flow keeps the document it started with. Thread safe.
/// </summary>
/// <remarks>
/// The box that owns the library checks what the validator cannot know (that the queues a flow
/// names exist, that its prompts can be played) through the check given to the constructor, and
/// stores each accepted document through <see cref="Replaced"/>; the web pages and any other
/// caller only call <see cref="Replace"/>.
/// </remarks>
public sealed class IvrFlowLibrary
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IvrFlowDocument> _flows = new(StringComparer.Ordinal);
    private readonly Func<IvrFlowDocument, IEnumerable<FlowProblem>>? _check;

    public IvrFlowLibrary()
    {
    }

    /// <param name="check">Returns the problems of a valid document against the box it would
    /// run on; any error among them refuses the document.</param>
    public IvrFlowLibrary(Func<IvrFlowDocument, IEnumerable<FlowProblem>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        _check = check;
    }

    /// <summary>
    /// Raised after a document became the current version of its flow, with its JSON text, on
    /// the thread that called <see cref="Replace"/>.
    /// </summary>
    public event Action<IvrFlowDocument, string>? Replaced;

    /// <summary>
    /// Validates <paramref name="json"/> and, when it has no errors, makes it the flow of its
    /// name for new calls. The validation is returned either way; a refused document changes nothing.
    /// </summary>
    public IvrFlowValidation Replace(string json)
    {
        var validation = IvrFlowValidator.Validate(json);
        if (validation.Document is { } document && _check is not null)
        {
            var problems = validation.Problems.Concat(_check(document)).ToList();
            validation = problems.Any(p => p.Severity == FlowProblemSeverity.Error)
                ? new IvrFlowValidation(null, problems)
                : new IvrFlowValidation(document, problems);
        }

        if (validation.Document is { } accepted)
        {
            lock (_gate)
            {
                _flows[accepted.Name] = accepted;
            }

            Replaced?.Invoke(accepted, json);
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

    /// <summary>The names of every flow, in ordinal order.</summary>
    public IReadOnlyList<string> Names()
    {
        lock (_gate)
        {
            return [.. _flows.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Starts a call on the current version of flow <paramref name="name"/>; null when unknown.</summary>
    public IvrFlowRun? StartRun(string name, TimeProvider time)
    {
        var document = Find(name);
        return document is null ? null : new IvrFlowRun(document, time);
    }
}
