using Appliance.Storage.Web;

namespace Appliance.Web.Security;

/// <summary>
/// The demo profile's well-known web logins: <c>admin</c>, <c>supervisor</c> and one per agent
/// (name = extension), all with password <see cref="Password"/>, usable from the box itself
/// (loopback) only, so a demo box on a network offers no default credential to it.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "demo";

    /// <summary>Adds the demo users that do not exist yet; existing users are left as they are.</summary>
    public static void Seed(WebStore store, AccountService accounts, IEnumerable<string> agentIds)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(agentIds);

        var wanted = new List<UserRow>
        {
            new() { Name = "admin", Role = Roles.Admin },
            new() { Name = "supervisor", Role = Roles.Supervisor },
        };
        wanted.AddRange(agentIds.Select(id => new UserRow { Name = id, Role = Roles.Agent, AgentId = id }));
        foreach (var user in wanted)
        {
            if (store.FindUser(user.Name) is not null)
            {
                continue;
            }

            user.LoopbackOnly = true;
            user.PasswordHash = accounts.Hash(user, Password);
            store.SaveUser(user);
        }

        // The demo box has its admin: the wizard must not open on it.
        store.MarkSetupDone();
    }
}
