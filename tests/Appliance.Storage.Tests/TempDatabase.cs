using Serilog.Core;

namespace Appliance.Storage.Tests;

/// <summary>
/// A database file in a fresh temporary folder (one level down, so Open must create it),
/// deleted with the folder on Dispose.
/// </summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _root;

    public TempDatabase()
    {
        _root = Path.Combine(Path.GetTempPath(), "sparklecc-storage-" + Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(_root, "data", "appliance.db");
        Database = ApplianceDatabase.Open(FilePath, Logger.None);
    }

    public string FilePath { get; }

    public ApplianceDatabase Database { get; private set; }

    /// <summary>Closes the file and opens it again, as a restart of the service would.</summary>
    public ApplianceDatabase Reopen()
    {
        Database.Dispose();
        Database = ApplianceDatabase.Open(FilePath, Logger.None);
        return Database;
    }

    public void Dispose()
    {
        Database.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
