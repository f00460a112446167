using System.Globalization;
using Appliance.CallCenter.Agents;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>Agent state kept across restarts, the agent state event log and not-ready reasons.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>The reasons agents may give for not ready, by code.</summary>
    /// <exception cref="InvalidDataException">A code is outside 0-99 or a name is empty.</exception>
    public IReadOnlyList<NotReadyReason> NotReadyReasons()
    {
        var rows = Run(db => db.Table<NotReadyReasonRow>().OrderBy(r => r.Code).ToList());
        return rows.ConvertAll(row => row.Code is < 0 or > 99 || string.IsNullOrWhiteSpace(row.Name)
            ? throw StoredDataError.Create(
                "NotReadyReason", row.Code.ToString(CultureInfo.InvariantCulture), nameof(row.Name),
                "codes are 0-99 and need a name.")
            : new NotReadyReason(row.Code, row.Name.Trim()));
    }

    /// <summary>Adds or renames a not-ready reason.</summary>
    public void SaveNotReadyReason(NotReadyReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var code = reason.Code ?? throw new ArgumentException("Only reasons with a code are stored.", nameof(reason));
        Run(db => db.InsertOrReplace(new NotReadyReasonRow { Code = code, Name = reason.Name }));
    }

    /// <summary>Every stored agent status, for the ACD after a restart.</summary>
    public IReadOnlyList<AgentStatus> AgentStatuses()
        => Run(db => db.Table<AgentStatusRow>().ToList()).ConvertAll(row => new AgentStatus(
            row.AgentId,
            row.Ready,
            row.Ready ? null : new NotReadyReason(row.ReasonCode, row.ReasonName ?? NotReadyReason.Unspecified.Name),
            row.LoggedOutQueues.Split(',', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>Stores what an agent chose, replacing what was stored before.</summary>
    public void SaveAgentStatus(AgentStatus status, DateTimeOffset atUtc)
    {
        ArgumentNullException.ThrowIfNull(status);
        var row = new AgentStatusRow
        {
            AgentId = status.AgentId,
            Ready = status.Ready,
            ReasonCode = status.Reason?.Code,
            ReasonName = status.Reason?.Name,
            LoggedOutQueues = string.Join(',', status.LoggedOutQueues),
            UpdatedUtc = atUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        Run(db => db.InsertOrReplace(row));
    }

    /// <summary>Appends one agent state change to the event log.</summary>
    public void InsertAgentStateChange(AgentStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var row = new AgentStateEventRow
        {
            AgentId = change.AgentId,
            Previous = change.Previous.ToString(),
            Current = change.Current.ToString(),
            AtUtc = change.AtUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            Reason = change.Reason?.Name,
            CallId = change.CallId,
            Queue = change.Queue,
        };
        Run(db => db.Insert(row));
    }

    /// <summary>The agent's state changes in the order they happened.</summary>
    public IReadOnlyList<AgentStateEventRow> AgentStateChanges(string agentId)
        => Run(db => db.Table<AgentStateEventRow>().Where(r => r.AgentId == agentId).OrderBy(r => r.Id).ToList());
}
