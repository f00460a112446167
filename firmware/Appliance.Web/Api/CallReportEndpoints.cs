using Appliance.Storage.Web;
using Appliance.Web.Reports;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The charted reports (see <see cref="CallReports"/>) over any range of days in the box's time
/// zone (see <see cref="ReportRange"/>), as JSON for the page and as CSV.
/// </summary>
internal static class CallReportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").RequireAuthorization(Roles.SupervisorPolicy).WithTags("Reports");
        ReportTableEndpoints.Map(
            reports,
            "/tables",
            CallReports.Names,
            "sparklecc",
            (name, range, store) => CallReports.Build(
                name,
                store.Cdrs(range.FromUtc, range.ToUtc),
                range.Zone,
                name == "interval" ? ForecastCalls(store, range) : null)!,
            "One report");
    }

    /// <summary>The calls forecast per UTC interval start over the range, every queue summed.</summary>
    private static Dictionary<DateTime, double> ForecastCalls(WebStore store, ReportRange range) =>
        store.Forecasts.Read(null, range.FromUtc, range.ToUtc)
            .GroupBy(f => f.Interval.StartUtc.UtcDateTime)
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Interval.OfferedCalls));
}
