using Appliance.CallCenter.Agents;
using Appliance.CallCenter.Routing;
using Serilog;

namespace Appliance.Storage;

/// <summary>
/// Keeps agents' state across restarts: hands the stored choices to the ACD at start, then
/// writes every state change to the event log and the agent's current choices to its status.
/// </summary>
/// <remarks>Writes run on the thread that raises the ACD's events; a failed write is logged and
/// the call path goes on, so a full disk costs the history, never a call.</remarks>
public sealed class AgentStateJournal
{
    private readonly ApplianceDatabase _database;
    private readonly AutomaticCallDistributor _acd;
    private readonly ILogger _log;

    private AgentStateJournal(ApplianceDatabase database, AutomaticCallDistributor acd, ILogger log)
    {
        _database = database;
        _acd = acd;
        _log = log.ForContext<AgentStateJournal>();
    }

    /// <summary>Restores the stored statuses into a configured ACD and starts recording.</summary>
    public static AgentStateJournal Attach(ApplianceDatabase database, AutomaticCallDistributor acd, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(acd);
        ArgumentNullException.ThrowIfNull(log);

        var journal = new AgentStateJournal(database, acd, log);
        var statuses = database.AgentStatuses();
        acd.Restore(statuses);
        journal._log.Information("Restored the state of {AgentCount} agents", statuses.Count);
        acd.AgentStateChanged += journal.Record;
        return journal;
    }

    private void Record(AgentStateChange change)
    {
        try
        {
            _database.InsertAgentStateChange(change);
            _database.SaveAgentStatus(_acd.GetAgentStatus(change.AgentId), change.AtUtc);
        }
        catch (Exception ex) when (ex is SQLite.SQLiteException or InvalidOperationException or ArgumentException)
        {
            _log.Error(ex, "Agent {Agent} state change to {State} could not be stored", change.AgentId, change.Current);
        }
    }
}
