using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>
/// A phone's registration (table <c>Registration</c>), kept so that agents stay available
/// across a restart of the service instead of waiting for their phones' next refresh.
/// </summary>
[Table("Registration")]
public sealed class RegistrationRow
{
    /// <summary><c>user|contact</c>: a user may have several phones, each one row.</summary>
    [PrimaryKey]
    public string Id { get; set; } = "";

    [Indexed]
    public string User { get; set; } = "";

    /// <summary>The Contact URI the phone registered.</summary>
    public string Contact { get; set; } = "";

    /// <summary>The address the REGISTER came from, for phones behind a NAT.</summary>
    public string SourceAddress { get; set; } = "";

    public int SourcePort { get; set; }

    /// <summary>When the binding runs out, ISO-8601 UTC.</summary>
    public string ExpiresUtc { get; set; } = "";

    public static string IdOf(string user, string contact) => user + "|" + contact;
}
