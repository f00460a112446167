namespace Appliance.Storage;

/// <summary>An operator's cancellation of a callback.</summary>
public sealed partial class ApplianceDatabase
{
    /// <summary>
    /// Ends a pending callback as <c>cancelled</c>; false when there is no such callback, it is
    /// done already, or it is being dialled right now (that attempt's result decides then).
    /// </summary>
    public bool CancelCallback(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Run(db => db.Execute(
            "UPDATE Callback SET Done = 1, Result = 'cancelled' WHERE Id = ? AND Done = 0 AND Result <> 'dialling'",
            id) == 1);
    }
}
