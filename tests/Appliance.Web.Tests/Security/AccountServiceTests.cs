using System.Net;
using Appliance.Storage;
using Appliance.Storage.Web;
using Appliance.Web.Security;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Appliance.Web.Tests.Security;

[Trait("Category", "Integration")]
public sealed class AccountServiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparklecc-web-").FullName;
    private readonly ApplianceDatabase _database;
    private readonly WebStore _store;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly AccountService _accounts;

    public AccountServiceTests()
    {
        _database = ApplianceDatabase.Open(Path.Combine(_folder, "appliance.db"), Logger.None);
        _store = new WebStore(_database);
        _accounts = new AccountService(_store, _time, Logger.None);
        var user = new UserRow { Name = "ana", Role = Roles.Supervisor };
        user.PasswordHash = _accounts.Hash(user, "right-password");
        _store.SaveUser(user);
    }

    [Fact]
    public void FiveWrongPasswordsLockTheAccountUntilTheLockoutEnds()
    {
        for (var i = 0; i < AccountService.MaxFailedLogins; i++)
        {
            _accounts.Login("ana", "wrong", IPAddress.Loopback);
        }

        var whileLocked = _accounts.Login("ana", "right-password", IPAddress.Loopback).Result;
        _time.Advance(AccountService.LockoutDuration + TimeSpan.FromSeconds(1));
        var afterwards = _accounts.Login("ana", "right-password", IPAddress.Loopback);

        Assert.Equal(LoginResult.LockedOut, whileLocked);
        Assert.Equal(LoginResult.Accepted, afterwards.Result);
        Assert.True(afterwards.Principal!.IsInRole(Roles.Supervisor));
    }

    [Fact]
    public void StoredHashIsNotThePasswordAndAWrongOneIsRefused()
    {
        var stored = _store.FindUser("ana")!;

        var wrong = _accounts.Login("ana", "right-passwor", IPAddress.Loopback).Result;
        var unknown = _accounts.Login("bob", "right-password", IPAddress.Loopback).Result;

        Assert.DoesNotContain("right-password", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(LoginResult.Refused, wrong);
        Assert.Equal(LoginResult.Refused, unknown);
    }

    [Fact]
    public void DemoAccountsLogInFromLoopbackOnly()
    {
        DemoAccounts.Seed(_store, _accounts, ["1001"]);

        var fromNetwork = _accounts.Login("1001", DemoAccounts.Password, IPAddress.Parse("192.0.2.7")).Result;
        var fromTheBox = _accounts.Login("1001", DemoAccounts.Password, IPAddress.Loopback);

        Assert.Equal(LoginResult.LoopbackOnly, fromNetwork);
        Assert.Equal(LoginResult.Accepted, fromTheBox.Result);
        Assert.Equal("1001", fromTheBox.Principal!.FindFirst(AccountService.AgentClaim)!.Value);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
