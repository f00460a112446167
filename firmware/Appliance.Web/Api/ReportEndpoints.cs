using System.Globalization;
using System.Text;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// Reports over the <c>Cdr</c> table (calls per queue and per agent, with a CSV export) and the
/// recordings search and playback. Supervisors and admins only.
/// </summary>
internal static class ReportEndpoints
{

    public static void Map(IEndpointRouteBuilder app, string dataDirectory)
    {
        var reports = app.MapGroup("/api").RequireAuthorization(Roles.SupervisorPolicy).WithTags("Reports");

        reports.MapGet("/reports/summary", (string? from, string? to, WebStore store, TimeProvider time) =>
            Select(from, to, store, time, rows => Results.Ok(new
            {
                queues = Summarise(rows, r => r.Queue),
                agents = Summarise(rows.Where(r => r.Agent is not null), r => r.Agent),
                calls = rows.Count,
            })))
            .WithSummary("Calls per queue and per agent between two days of the box (yyyy-MM-dd; default today)");

        reports.MapGet("/reports/calls.csv", (string? from, string? to, WebStore store, TimeProvider time) =>
            Select(from, to, store, time, rows =>
                Results.File(Encoding.UTF8.GetBytes(Csv(rows)), "text/csv", "sparklecc-calls.csv")))
            .WithSummary("Every call record between two days as CSV");

        reports.MapGet("/recordings", (string? search, WebStore store) => Results.Ok(
            store.SearchCdrs(search, 200)
                .Where(r => r.RecordingFile is not null)
                .Select(r => new { r.Id, r.CallId, r.CallerNumber, r.Queue, r.Agent, r.ArrivedUtc, r.TalkSeconds })))
            .WithSummary("Recorded calls, newest first, whose number, agent or queue contains the search");

        reports.MapGet("/recordings/{id:int}/audio", (int id, WebStore store) =>
        {
            var row = store.SearchCdrs(null, int.MaxValue).FirstOrDefault(r => r.Id == id);
            var file = row?.RecordingFile is null ? null : Path.GetFullPath(Path.Combine(dataDirectory, row.RecordingFile));
            var recordings = Path.GetFullPath(Path.Combine(dataDirectory, "recordings")) + Path.DirectorySeparatorChar;
            if (file is null || !file.StartsWith(recordings, StringComparison.Ordinal) || !File.Exists(file))
            {
                return Results.Problem(title: $"Recording {id} does not exist", statusCode: StatusCodes.Status404NotFound);
            }

            return Results.File(file, "audio/wav", enableRangeProcessing: true);
        }).WithSummary("The recording as WAV (stereo: caller left, agent right)");
    }

    // A range that does not read (a day that does not exist, to before from) is refused naming
    // the field, as the charted reports do, rather than silently reporting another period.
    private static IResult Select(
        string? from, string? to, WebStore store, TimeProvider time, Func<List<CdrRow>, IResult> answer)
    {
        var errors = new FieldErrors();
        var range = ReportRange.Read(errors, from, to, ReportRange.ZoneOf(store, time), time);
        if (range is null || errors.Any)
        {
            return errors.ToResult();
        }

        return answer([.. store.Cdrs(range.FromUtc, range.ToUtc)]);
    }

    private static List<object> Summarise(IEnumerable<CdrRow> rows, Func<CdrRow, string?> key) =>
        [.. rows.GroupBy(r => key(r) ?? "(none)", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new
            {
                name = g.Key,
                calls = g.Count(),
                answered = g.Count(r => r.Disposition == "answered"),
                abandoned = g.Count(r => r.Disposition == "abandoned"),
                averageWaitSeconds = (int)Math.Round(g.Average(r => r.WaitSeconds)),
                talkSeconds = g.Sum(r => r.TalkSeconds),
            })];

    private static string Csv(List<CdrRow> rows)
    {
        var csv = new StringBuilder("call_id,arrived_utc,caller,did,ivr_choice,queue,agent,disposition,wait_s,talk_s,"
            + "trunk,outbound_trunk,phone\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', [.. new[]
            {
                r.CallId, r.ArrivedUtc, r.CallerNumber, r.Did, r.IvrChoice, r.Queue, r.Agent, r.Disposition,
                r.WaitSeconds.ToString(CultureInfo.InvariantCulture), r.TalkSeconds.ToString(CultureInfo.InvariantCulture),
                r.Trunk, r.OutboundTrunk, r.AgentPhone,
            }.Select(CsvField.Escape)]).Append("\r\n");
        }

        return csv.ToString();
    }
}
