namespace Appliance.Web.Security;

/// <summary>The three roles and the authorization policies built on them: an admin may do
/// everything, a supervisor watches and reports, an agent works its own desktop.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";

    /// <summary>Policy: admins only.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Policy: supervisors and admins.</summary>
    public const string SupervisorPolicy = "supervisor";

    /// <summary>Policy: any logged-in user or API token.</summary>
    public const string AnyUserPolicy = "user";

    public static bool IsKnown(string role) => role is Admin or Supervisor or Agent;
}
