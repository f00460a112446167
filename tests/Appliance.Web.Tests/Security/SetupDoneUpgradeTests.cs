using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Serilog.Core;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// A database set up before "setup done" was a stored fact: it has an admin but no flag. Its
/// first start marks setup done, so the wizard stays closed even if that admin later goes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SetupDoneUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparklecc-web-").FullName;

    [Fact]
    public void AnOlderDatabaseWithAnAdminCountsAsSetUpAndKeepsTheFlag()
    {
        var path = Path.Combine(_folder, "appliance.db");
        using (var fresh = ApplianceDatabase.Open(path, Logger.None))
        {
            Assert.False(new WebStore(fresh).IsSetupDone);
        }

        using (var raw = new SQLite.SQLiteConnection(path))
        {
            raw.Execute("INSERT INTO WebUser (Name, PasswordHash, Role, LoopbackOnly, FailedLogins) "
                + "VALUES ('admin', 'x', 'admin', 0, 0)");
        }

        using (var upgraded = ApplianceDatabase.Open(path, Logger.None))
        {
            Assert.True(new WebStore(upgraded).IsSetupDone);
        }

        using (var raw = new SQLite.SQLiteConnection(path))
        {
            raw.Execute("DELETE FROM WebUser");
            Assert.Equal("true", raw.ExecuteScalar<string>(
                "SELECT Value FROM Setting WHERE Key = ?", SettingRow.SetupDoneKey));
        }

        using var later = ApplianceDatabase.Open(path, Logger.None);
        Assert.True(new WebStore(later).IsSetupDone);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
