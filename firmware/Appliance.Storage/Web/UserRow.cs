using SQLite;

namespace Appliance.Storage.Web;

/// <summary>
/// A person who logs in to the web pages (table <c>WebUser</c>). <see cref="PasswordHash"/> is the
/// output of ASP.NET Core Identity's password hasher, never the password itself.
/// </summary>
[Table("WebUser")]
public sealed class UserRow
{
    /// <summary>The login name; for an agent, its extension number.</summary>
    [PrimaryKey]
    public string Name { get; set; } = "";

    [NotNull]
    public string PasswordHash { get; set; } = "";

    /// <summary><c>admin</c>, <c>supervisor</c> or <c>agent</c>.</summary>
    [NotNull]
    public string Role { get; set; } = "";

    /// <summary>The agent this user works as on the desktop, or null.</summary>
    public string? AgentId { get; set; }

    /// <summary>True for the demo profile's well-known accounts: they log in from loopback only.</summary>
    public bool LoopbackOnly { get; set; }

    /// <summary>Wrong passwords in a row since the last good login.</summary>
    public int FailedLogins { get; set; }

    /// <summary>
    /// A random value that changes on logout, role change, password change and removal; each
    /// session cookie carries the value it was issued with and is refused once they differ.
    /// </summary>
    public string? SecurityStamp { get; set; }

    /// <summary>Until when logins are refused after too many wrong passwords (ISO-8601 UTC), or null.</summary>
    public string? LockedUntilUtc { get; set; }
}
