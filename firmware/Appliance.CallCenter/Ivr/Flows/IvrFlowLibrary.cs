using Appliance.CallCenter.Calendar;

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
    private BusinessCalendar _calendar = BusinessCalendar.Empty;

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
        if (validation.Document is { } document)
        {
            var calendar = Calendar;
            IEnumerable<FlowProblem> checks = _check is null ? [] : _check(document);
            var problems = validation.Problems
                .Concat(checks)
                .Concat(MissingSchedules(document, calendar.Schedules.ContainsKey))
                .ToList();
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

    /// <summary>
    /// The business hours and holidays conditions read; runs started afterwards use the one set
    /// by <see cref="UseCalendar"/>, runs already going keep theirs.
    /// </summary>
    public BusinessCalendar Calendar => Volatile.Read(ref _calendar);

    /// <summary>
    /// Makes <paramref name="calendar"/> the one the next runs read, unless a current flow names a
    /// schedule it does not have.
    /// </summary>
    /// <returns>The problems of the flows that would lose their schedule; empty when it was taken.</returns>
    public IReadOnlyList<FlowProblem> UseCalendar(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);

        lock (_gate)
        {
            var problems = _flows.Values
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .SelectMany(f => MissingSchedules(f, calendar.Schedules.ContainsKey)
                    .Select(p => p with { Message = $"flow '{f.Name}': {p.Message}" }))
                .ToList();
            if (problems.Count == 0)
            {
                Volatile.Write(ref _calendar, calendar);
            }

            return problems;
        }
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
        return document is null ? null : new IvrFlowRun(document, time, Calendar);
    }

    private static IEnumerable<FlowProblem> MissingSchedules(IvrFlowDocument document, Func<string, bool> exists)
    {
        foreach (var node in document.Nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            if (node is ConditionNode { Schedule: { } schedule } && !exists(schedule))
            {
                yield return new FlowProblem(
                    FlowProblemSeverity.Error,
                    node.Id,
                    "schedule",
                    $"no business-hours schedule '{schedule}' exists on this box.");
            }
        }
    }
}
