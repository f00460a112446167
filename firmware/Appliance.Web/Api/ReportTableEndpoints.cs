using Appliance.Storage.Web;
using Appliance.Web.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// Maps a family of <see cref="ReportTable"/>s by name over a <see cref="ReportRange"/>, as JSON
/// at <c>{prefix}/{name}</c> and as CSV at <c>{prefix}/{name}.csv</c>; an unknown name is refused
/// naming <c>name</c>, a bad range naming <c>from</c> or <c>to</c>.
/// </summary>
internal static class ReportTableEndpoints
{
    /// <param name="group">The group the routes go in, with its authorization.</param>
    /// <param name="prefix">The path below the group, such as <c>/tables</c>; empty for none.</param>
    /// <param name="names">The tables there are.</param>
    /// <param name="filePrefix">The start of the CSV file's name.</param>
    /// <param name="build">Builds the named table over the range from the store.</param>
    /// <param name="summary">What one table is, for the OpenAPI document.</param>
    public static void Map(
        RouteGroupBuilder group,
        string prefix,
        IReadOnlyList<string> names,
        string filePrefix,
        Func<string, ReportRange, WebStore, ReportTable> build,
        string summary)
    {
        group.MapGet(prefix + "/{name}", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(names, build, name, from, to, store, time, (table, _) => Results.Ok(table)))
            .WithSummary($"{summary} ({string.Join(", ", names)}) between two days of the box, as JSON");

        group.MapGet(prefix + "/{name}.csv", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(names, build, name, from, to, store, time, (table, range) => Results.File(
                ReportCsv.Encode(table),
                "text/csv",
                $"{filePrefix}-{table.Name}-{range.Start:yyyy-MM-dd}-{range.End:yyyy-MM-dd}.csv")))
            .WithSummary($"{summary} between two days of the box, as CSV");
    }

    private static IResult Answer(
        IReadOnlyList<string> names,
        Func<string, ReportRange, WebStore, ReportTable> build,
        string name,
        string? from,
        string? to,
        WebStore store,
        TimeProvider time,
        Func<ReportTable, ReportRange, IResult> answer)
    {
        var errors = new FieldErrors();
        if (!names.Contains(name))
        {
            errors.Add("name", $"'{name}' is not one of {string.Join(", ", names)}");
        }

        var range = ReportRange.Read(errors, from, to, ReportRange.ZoneOf(store, time), time);
        if (range is null || errors.Any)
        {
            return errors.ToResult();
        }

        return answer(build(name, range, store), range);
    }
}
