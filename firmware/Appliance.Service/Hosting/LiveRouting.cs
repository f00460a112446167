using Appliance.CallCenter.Ivr;
using Appliance.CallCenter.Queues;
using Appliance.CallCenter.Routing;
using Appliance.Storage;
using Appliance.Telephony;
using Appliance.Telephony.Signalling;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// The routing configuration the running box follows (dial plan, trunks, IVR menus, queues and
/// members), reloaded from the database while calls go on: a valid change applies to the next
/// call; a call in progress keeps the plan it was routed by and its place in its queue.
/// </summary>
/// <remarks>Thread-safe: a reload is serialised by a lock; readers see the old or the new
/// catalogue whole, never a mix.</remarks>
internal sealed class LiveRouting
{
    private readonly ApplianceDatabase _database;
    private readonly AutomaticCallDistributor _acd;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private volatile ConfigurationCatalogue _current;
    private CallServices? _services;
    private Switchboard? _switchboard;

    public LiveRouting(
        ApplianceDatabase database,
        AutomaticCallDistributor acd,
        ConfigurationCatalogue initial,
        ILogger log)
    {
        _database = database;
        _acd = acd;
        _current = initial;
        _log = log.ForContext<LiveRouting>();
    }

    public ConfigurationCatalogue Current => _current;

    public IvrMenuDefinition? FindMenu(string name) => _current.FindMenu(name);

    public QueueDefinition? FindQueue(string name) => _current.FindQueue(name);

    /// <summary>The call services whose dial plan and trunks a reload replaces.</summary>
    public void Attach(CallServices services) => _services = services;

    /// <summary>The switchboard that learns of agents added by a reload.</summary>
    public void Attach(Switchboard switchboard) => _switchboard = switchboard;

    /// <summary>Reads the stored configuration, checks it whole and applies it to new calls.</summary>
    /// <returns>Null when applied; otherwise why not, naming table, row and field (nothing is
    /// applied then).</returns>
    public string? Reload()
    {
        lock (_lock)
        {
            ConfigurationCatalogue catalogue;
            try
            {
                catalogue = ConfigurationCatalogue.Load(_database);
                _services?.Prompts.Preload(catalogue.PromptNames);
                _acd.Reconfigure(catalogue.Queues, catalogue.Agents, _database.NotReadyReasons());
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException
                or ArgumentException or InvalidOperationException)
            {
                _log.Warning("Routing change refused: {Reason}", ex.Message);
                return ex.Message;
            }

            _current = catalogue;
            if (_services is { } services)
            {
                services.DialPlan = catalogue.DialPlan;
                services.Trunks = catalogue.Trunks;
            }

            _switchboard?.AddAgents(catalogue.Agents.Select(a => a.AgentId));

            _log.Information(
                "Routing reloaded: {QueueCount} queues, {AgentCount} agents; new calls follow it",
                catalogue.Queues.Count,
                catalogue.Agents.Count);
            return null;
        }
    }
}
