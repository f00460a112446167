using Appliance.Web.Reports;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The usage analytics (see <see cref="UsageReports"/>) over a range of days of the box (see
/// <see cref="ReportRange"/>), as JSON for the <c>/usage</c> page and as CSV; supervisors and admins.
/// </summary>
internal static class UsageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var usage = app.MapGroup("/api/usage").RequireAuthorization(Roles.SupervisorPolicy).WithTags("Usage");
        ReportTableEndpoints.Map(
            usage,
            string.Empty,
            UsageReports.Names,
            "sparklecc-usage",
            (name, range, store) => UsageReports.Build(
                name,
                store.Cdrs(range.FromUtc, range.ToUtc),
                store.Audit(range.FromUtc, range.ToUtc),
                range.Zone)!,
            "One usage table");
    }
}
