namespace Appliance.Storage;

/// <summary>
/// Builds the exception for a value in the database that the appliance cannot use, naming
/// the table, row and field so the installer can fix it with any SQLite client.
/// </summary>
internal static class StoredDataError
{
    public static InvalidDataException Create(string table, string row, string field, string problem)
        => new($"Invalid stored data in table {table}, row '{row}', field {field}: {problem}");
}
