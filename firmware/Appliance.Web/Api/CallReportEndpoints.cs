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

        reports.MapGet("/tables/{name}", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(name, from, to, store, time, (table, _) => Results.Ok(table)))
            .WithSummary("One report (interval, queue, agent, abandoned, trunk) between two days of the box, as JSON");

        reports.MapGet("/tables/{name}.csv", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(name, from, to, store, time, (table, range) => Results.File(
                ReportCsv.Encode(table),
                "text/csv",
                $"sparklecc-{table.Name}-{range.Start:yyyy-MM-dd}-{range.End:yyyy-MM-dd}.csv")))
            .WithSummary("One report between two days of the box as CSV");
    }

    private static IResult Answer(
        string name,
        string? from,
        string? to,
        WebStore store,
        TimeProvider time,
        Func<ReportTable, ReportRange, IResult> answer)
    {
        var errors = new FieldErrors();
        if (!CallReports.Names.Contains(name))
        {
            errors.Add("name", $"'{name}' is not one of {string.Join(", ", CallReports.Names)}");
        }

        var range = ReportRange.Read(errors, from, to, ReportRange.ZoneOf(store, time), time);
        if (range is null || errors.Any)
        {
            return errors.ToResult();
        }

        var calls = store.Cdrs(range.FromUtc, range.ToUtc);
        return answer(CallReports.Build(name, calls, range.Zone)!, range);
    }
}
