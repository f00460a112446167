using SQLite;

namespace Appliance.Service.Tests.Support;

/// <summary>Reads Cdr rows from a running service's database file, read-only (the file is in WAL mode).</summary>
public static class CdrReader
{
    /// <summary>Polls for the row of <paramref name="callId"/> until it appears or the time is up.</summary>
    public static Task<CdrSnapshot?> WaitForAsync(string databasePath, string callId, TimeSpan timeout) =>
        WaitForAsync(databasePath, "CallId", callId, timeout);

    /// <summary>Polls for the first row whose caller is <paramref name="callerNumber"/>, for calls
    /// whose SIP Call-ID the test never sees (those from the PSTN).</summary>
    public static Task<CdrSnapshot?> WaitForCallerAsync(string databasePath, string callerNumber, TimeSpan timeout) =>
        WaitForAsync(databasePath, "CallerNumber", callerNumber, timeout);

    private static async Task<CdrSnapshot?> WaitForAsync(
        string databasePath,
        string column,
        string value,
        TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            if (File.Exists(databasePath))
            {
                var row = Find(databasePath, column, value);
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

    // The column is one of this class's own names, never the test's input.
    private static CdrSnapshot? Find(string databasePath, string column, string value)
    {
        try
        {
            using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
            return connection.Query<CdrSnapshot>($"SELECT * FROM Cdr WHERE {column} = ?", value).FirstOrDefault();
        }
        catch (SQLiteException)
        {
            // The table is not created yet, or the writer holds the file for a moment.
            return null;
        }
    }
}
