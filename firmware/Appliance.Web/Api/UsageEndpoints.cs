using Appliance.Storage.Web;
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

        usage.MapGet("/{name}", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(name, from, to, store, time, (table, _) => Results.Ok(table)))
            .WithSummary("One usage table (users, agents, trunks, quality-trunk, quality-phone, worst) "
                + "between two days of the box (yyyy-MM-dd), as JSON");

        usage.MapGet("/{name}.csv", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(name, from, to, store, time, (table, range) => Results.File(
                ReportCsv.Encode(table),
                "text/csv",
                $"sparklecc-usage-{table.Name}-{range.Start:yyyy-MM-dd}-{range.End:yyyy-MM-dd}.csv")))
            .WithSummary("One usage table between two days of the box as CSV");
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
        if (!UsageReports.Names.Contains(name))
        {
            errors.Add("name", $"'{name}' is not one of {string.Join(", ", UsageReports.Names)}");
        }

        var range = ReportRange.Read(errors, from, to, ReportRange.ZoneOf(store, time), time);
        if (range is null || errors.Any)
        {
            return errors.ToResult();
        }

        var calls = store.Cdrs(range.FromUtc, range.ToUtc);
        var audit = store.Audit(range.FromUtc, range.ToUtc);
        return answer(UsageReports.Build(name, calls, audit, range.Zone)!, range);
    }
}
