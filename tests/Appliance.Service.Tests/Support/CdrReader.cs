using SQLite;

namespace Appliance.Service.Tests.Support;

/// <summary>Reads Cdr rows from a running service's database file, read-only (the file is in WAL mode).</summary>
public static class CdrReader
{
    /// <summary>Polls for the row of <paramref name="callId"/> until it appears or the time is up.</summary>
    public static async Task<CdrSnapshot?> WaitForAsync(string databasePath, string callId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            if (File.Exists(databasePath))
            {
                var row = Find(databasePath, callId);
                if (row is not null)
                {
                    return row;
                }
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        return null;
    }

    private static CdrSnapshot? Find(string databasePath, string callId)
    {
        try
        {
            using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
            return connection.Query<CdrSnapshot>("SELECT * FROM Cdr WHERE CallId = ?", callId).FirstOrDefault();
        }
        catch (SQLiteException)
        {
            // The table is not created yet, or the writer holds the file for a moment.
            return null;
        }
    }
}
