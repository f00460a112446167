using SQLite;

namespace Appliance.Storage.Web;

/// <summary>One change made through the web or the CTI API (table <c>AuditLog</c>): who, when,
/// from where, what. Rows are only ever added.</summary>
[Table("AuditLog")]
public sealed class AuditRow
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    /// <summary>When it happened, ISO-8601 UTC.</summary>
    [NotNull, Indexed]
    public string AtUtc { get; set; } = "";

    /// <summary>The user name, <c>token:&lt;name&gt;</c> for an API token, or <c>setup</c>.</summary>
    [NotNull]
    public string Actor { get; set; } = "";

    /// <summary>The client address the request came from.</summary>
    public string? Source { get; set; }

    /// <summary>What was done, such as <c>extension.saved</c>.</summary>
    [NotNull]
    public string Action { get; set; } = "";

    /// <summary>What it was done to, with the new values (never a password).</summary>
    public string? Detail { get; set; }
}
