using System.Globalization;
using System.Text;
using Appliance.Storage.Web;
using Appliance.Web.Reports;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The charted reports (see <see cref="CallReports"/>) over any range of UTC days, as JSON for the
/// page and as CSV. A day that is not yyyy-MM-dd, a range that ends before it starts or spans more
/// than <see cref="MaxDays"/> days is refused naming <c>from</c> or <c>to</c>.
/// </summary>
internal static class CallReportEndpoints
{
    /// <summary>The longest range one report covers.</summary>
    public const int MaxDays = 366;

    public static void Map(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").RequireAuthorization(Roles.SupervisorPolicy).WithTags("Reports");

        reports.MapGet("/tables/{name}", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(name, from, to, store, time, table => Results.Ok(table)))
            .WithSummary("One report (interval, queue, agent, abandoned, trunk) between two UTC days, as JSON");

        reports.MapGet("/tables/{name}.csv", (string name, string? from, string? to, WebStore store, TimeProvider time) =>
            Answer(name, from, to, store, time, table => Results.File(
                Encoding.UTF8.GetBytes(Csv(table)),
                "text/csv",
                $"sparklecc-{table.Name}-{from ?? "today"}-{to ?? from ?? "today"}.csv")))
            .WithSummary("One report between two UTC days as CSV");
    }

    private static IResult Answer(
        string name,
        string? from,
        string? to,
        WebStore store,
        TimeProvider time,
        Func<ReportTable, IResult> answer)
    {
        var errors = new FieldErrors();
        if (!CallReports.Names.Contains(name))
        {
            errors.Add("name", $"'{name}' is not one of {string.Join(", ", CallReports.Names)}");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = Day(errors, "from", from) ?? today;
        var end = Day(errors, "to", to) ?? start;
        if (!errors.Any && end < start)
        {
            errors.Add("to", $"{end:yyyy-MM-dd} is before from {start:yyyy-MM-dd}");
        }
        else if (!errors.Any && end.DayNumber - start.DayNumber >= MaxDays)
        {
            errors.Add("to", $"a report covers at most {MaxDays} days");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var fromUtc = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var toUtc = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var calls = store.Cdrs(fromUtc, toUtc);
        var forecast = name == "interval"
            ? store.Forecasts.Read(null, fromUtc, toUtc)
                .GroupBy(f => f.Interval.StartUtc.UtcDateTime)
                .ToDictionary(g => g.Key, g => g.Sum(f => f.Interval.OfferedCalls))
            : null;
        return answer(CallReports.Build(name, calls, forecast)!);
    }

    private static DateOnly? Day(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var day))
        {
            return day;
        }

        errors.Add(field, $"'{text}' is not a day like 2026-12-03");
        return null;
    }

    private static string Csv(ReportTable table)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', table.Columns.Select(CsvField.Escape)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.AppendJoin(',', row.Select(cell => CsvField.Escape(Cell(cell)))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string? Cell(object? cell) => cell switch
    {
        null => null,
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}
