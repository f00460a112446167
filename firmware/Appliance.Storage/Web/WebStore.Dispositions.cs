using Appliance.Storage.Rows;

namespace Appliance.Storage.Web;

/// <summary>The disposition codes an admin defines and the one an agent gives an ended call.</summary>
public sealed partial class WebStore
{
    public IReadOnlyList<DispositionCodeRow> DispositionCodes() =>
        _database.Run(db => db.Table<DispositionCodeRow>().OrderBy(c => c.Code).ToList());

    /// <summary>Adds or renames a disposition code.</summary>
    public void SaveDispositionCode(DispositionCodeRow code)
    {
        ArgumentNullException.ThrowIfNull(code);
        _database.Run(db => db.InsertOrReplace(code));
    }

    /// <returns>False when no such code existed.</returns>
    public bool DeleteDispositionCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _database.Run(db => db.Delete<DispositionCodeRow>(code)) > 0;
    }

    /// <summary>The latest record of an ended call, or null when none was written.</summary>
    public CdrRow? FindCdr(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return _database.Run(db => db.Query<CdrRow>(
            "SELECT * FROM Cdr WHERE CallId = ? ORDER BY Id DESC LIMIT 1", callId)).FirstOrDefault();
    }

    /// <summary>
    /// Stores the agent's disposition code on the latest record of the call, once: a record that
    /// has a code already keeps it.
    /// </summary>
    /// <returns>False when there is no record of the call or it has a code already.</returns>
    public bool TrySetWrapUpCode(string callId, string code)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(code);
        return _database.Run(db => db.Execute(
            "UPDATE Cdr SET WrapUpCode = ? WHERE Id = "
            + "(SELECT Id FROM Cdr WHERE CallId = ? ORDER BY Id DESC LIMIT 1) AND WrapUpCode IS NULL",
            code,
            callId)) > 0;
    }
}
