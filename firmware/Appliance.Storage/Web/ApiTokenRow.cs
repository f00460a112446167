using SQLite;

namespace Appliance.Storage.Web;

/// <summary>
/// A token one integration (a CRM, a wallboard screen) uses on the CTI API (table
/// <c>ApiToken</c>). Only the SHA-256 of the token is kept: it is shown once, when created.
/// </summary>
[Table("ApiToken")]
public sealed class ApiTokenRow
{
    [PrimaryKey]
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    [NotNull, Indexed]
    public string TokenHash { get; set; } = "";

    /// <summary>The role the token acts with: <c>supervisor</c> or <c>admin</c>.</summary>
    [NotNull]
    public string Role { get; set; } = "";

    [NotNull]
    public string CreatedUtc { get; set; } = "";
}
