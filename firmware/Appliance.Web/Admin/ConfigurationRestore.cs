using Appliance.Storage.Web;
using Appliance.Web.Calendar;
using Appliance.Web.Flows;
using Appliance.Web.Live;

namespace Appliance.Web.Admin;

/// <summary>
/// Restores a configuration backup onto the running box: the tables in one transaction, then the
/// routing, the business calendar and the IVR flows applied live, in that order (a flow is
/// checked against the queues and schedules before it). When any step refuses, every step
/// already taken is undone and the box keeps the configuration it ran.
/// </summary>
/// <remarks>Not thread safe: two restores at once would undo each other's steps. The admin page
/// sends one at a time.</remarks>
internal sealed class ConfigurationRestore
{
    private readonly WebStore _store;
    private readonly IRoutingConfiguration _routing;
    private readonly ICalendarConfiguration _calendar;
    private readonly IFlowEditor _flows;

    public ConfigurationRestore(
        WebStore store,
        IRoutingConfiguration routing,
        ICalendarConfiguration calendar,
        IFlowEditor flows)
    {
        _store = store;
        _routing = routing;
        _calendar = calendar;
        _flows = flows;
    }

    /// <returns>Null when the whole backup was taken; otherwise what is wrong, naming the table,
    /// row or flow.</returns>
    /// <exception cref="InvalidDataException">The backup is of a format version this box does
    /// not read; nothing was changed.</exception>
    public string? Restore(ConfigurationBackup backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        var previous = _store.Export();
        _store.Import(backup);

        var problem = _routing.Reload() ?? ApplyCalendar();
        if (problem is not null)
        {
            PutBack(previous, []);
            return problem;
        }

        // Flows go last: their conditions name the schedules and queues restored above.
        var stored = previous.Flows.ToDictionary(f => f.Name, f => f.Json, StringComparer.Ordinal);
        var replaced = new List<string>();
        foreach (var flow in backup.Version < 2 ? [] : backup.Flows)
        {
            if (stored.TryGetValue(flow.Name, out var json) && json == flow.Json)
            {
                continue;
            }

            var result = _flows.Save(flow.Json);
            if (!result.Saved)
            {
                PutBack(previous, replaced);
                var first = result.Problems.FirstOrDefault(p => p.Severity == "error");
                return $"IvrFlow '{flow.Name}': "
                    + (first is null ? "the flow library refused it." : $"{first.Node}.{first.Field}: {first.Message}");
            }

            replaced.Add(flow.Name);
        }

        return null;
    }

    private string? ApplyCalendar()
    {
        var problem = _calendar.Apply();
        return problem is null ? null : $"BusinessSchedule: {problem}";
    }

    private void PutBack(ConfigurationBackup previous, List<string> replacedFlows)
    {
        _store.Import(previous);
        _routing.Reload();
        _calendar.Apply();
        foreach (var flow in previous.Flows.Where(f => replacedFlows.Contains(f.Name)))
        {
            _flows.Save(flow.Json);
        }
    }
}
