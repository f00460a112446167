using Appliance.Storage.Rows;
using Appliance.Storage.Web;

namespace Appliance.Storage.Tests.Web;

/// <summary>A restore the database refuses leaves the SQLite file as it was.</summary>
[Trait("Category", "Integration")]
public sealed class ImportTests
{
    [Fact]
    public void RowsTheDatabaseRefusesAreRolledBackAndNamedWithoutTypeNames()
    {
        using var temp = new TempDatabase();
        var store = new WebStore(temp.Database);
        store.Import(new ConfigurationBackup
        {
            Extensions = [new ExtensionRow { Number = "2001" }],
            Reasons = [new NotReadyReasonRow { Code = 1, Name = "break" }],
        });

        var refused = Assert.Throws<InvalidDataException>(() => store.Import(new ConfigurationBackup
        {
            Reasons = [new NotReadyReasonRow { Code = 1, Name = "a" }, new NotReadyReasonRow { Code = 1, Name = "b" }],
        }));

        using var file = new SQLite.SQLiteConnection(temp.FilePath, SQLite.SQLiteOpenFlags.ReadOnly);
        Assert.Contains("NotReadyReason.Code", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Appliance.", refused.Message, StringComparison.Ordinal);
        Assert.Equal("break", file.ExecuteScalar<string>("SELECT Name FROM NotReadyReason WHERE Code = 1"));
        Assert.Equal(1, file.ExecuteScalar<int>("SELECT COUNT(*) FROM Extension WHERE Number = '2001'"));
    }
}
