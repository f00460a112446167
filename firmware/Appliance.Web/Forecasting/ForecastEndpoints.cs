using System.Globalization;
using System.Text;
using Appliance.CallCenter.Queues;
using Appliance.Storage.Forecasts;
using Appliance.Storage.Web;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Forecasting;

/// <summary>
/// The staffing forecast: <c>GET /api/forecast</c> and its CSV for supervisors, and the admin's
/// recompute. A day is read from table <c>ForecastInterval</c>; a day from today on that has no
/// stored forecast yet gets one made and stored at once, a past day shows only what was stored.
/// </summary>
internal static class ForecastEndpoints
{
    /// <summary>How far ahead a day may be asked for.</summary>
    public const int MaxDaysAhead = 366;

    public static void Map(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api").RequireAuthorization(Roles.SupervisorPolicy).WithTags("Reports");
        reports.MapGet("/forecast", (string? queue, string? day, WebStore store, TimeProvider time) =>
                Answer(queue, day, store, time, forecast => Results.Ok(forecast)))
            .WithSummary("One queue's forecast per 15-minute interval for one day of the box's time zone "
                + "(yyyy-MM-dd; default tomorrow)");
        reports.MapGet("/forecast.csv", (string? queue, string? day, WebStore store, TimeProvider time) =>
                Answer(queue, day, store, time, forecast => Results.File(
                    Encoding.UTF8.GetBytes(Csv(forecast)),
                    "text/csv",
                    $"sparklecc-forecast-{forecast.Queue}-{forecast.Day}.csv")))
            .WithSummary("The same forecast as CSV");
        reports.MapGet("/forecast/queues", (WebStore store) =>
                Results.Ok(store.Forecasts.Queues().Select(q => q.Name)))
            .WithSummary("The queues a forecast can be asked for");

        app.MapPost("/api/admin/forecast/recompute", Recompute)
            .RequireAuthorization(Roles.AdminPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithTags("Admin")
            .WithSummary(
                $"Makes the forecast of one queue (or of all) again from today for {ForecastStore.HorizonDays} days");
    }

    private static IResult Answer(
        string? queueName,
        string? dayText,
        WebStore store,
        TimeProvider time,
        Func<ForecastDay, IResult> answer)
    {
        var forecasts = store.Forecasts;
        var zone = forecasts.Zone(time);
        var now = time.GetUtcNow();
        var today = ForecastStore.DayOf(now, zone);
        var errors = new FieldErrors();
        var queue = FindQueue(errors, forecasts, queueName);
        var day = Day(errors, dayText, today) ?? today.AddDays(1);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        // A day from today on is forecast when first asked for, so the page never waits for the
        // next midnight; an earlier day shows what was forecast then, or nothing.
        var (from, to) = ForecastStore.DayRange(day, zone);
        var stored = forecasts.Read(queue!.Name, from, to);
        if (stored.Count == 0 && day >= today)
        {
            forecasts.Make(queue, from, to, now);
            stored = forecasts.Read(queue.Name, from, to);
        }

        var history = forecasts.HistoryIntervals(queue.Name);
        return answer(new ForecastDay(
            queue.Name,
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            zone.Id,
            (int)queue.ServiceLevelTarget.TotalSeconds,
            Math.Round(queue.ServiceLevelGoal * 100, 1),
            history,
            stored.Count > 0 ? stored.Max(s => s.ComputedUtc) : null,
            stored.Count > 0 ? null : Missing(queue.Name, day, history),
            [.. stored.Select(s => Row(s, zone))]));
    }

    private static string Missing(string queue, DateOnly day, int history) => history == 0
        ? $"Queue {queue} has no call history yet: a forecast is drawn from the 15-minute figures of "
            + "past calls, so there is none until the queue has taken calls."
        : $"No forecast was made for {day:yyyy-MM-dd}: forecasts are kept from the day they are made on.";

    private static ForecastRow Row(StoredForecast stored, TimeZoneInfo zone)
    {
        var f = stored.Interval;
        return new ForecastRow(
            f.StartUtc,
            TimeZoneInfo.ConvertTime(f.StartUtc, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
            Math.Round(f.OfferedCalls, 1),
            (int)Math.Round(f.HandleTime.TotalSeconds),
            f.Patience is { } p ? (int)Math.Round(p.TotalSeconds) : null,
            f.AgentsErlangC,
            f.AgentsErlangA,
            f.ExpectedServiceLevel is { } level ? Math.Round(level * 100, 1) : null);
    }

    private static IResult Recompute(
        RecomputeRequest? form,
        HttpContext http,
        WebStore store,
        TimeProvider time,
        AuditTrail audit)
    {
        var forecasts = store.Forecasts;
        var errors = new FieldErrors();
        var queues = string.IsNullOrWhiteSpace(form?.Queue)
            ? forecasts.Queues()
            : FindQueue(errors, forecasts, form.Queue) is { } one ? [one] : [];
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var now = time.GetUtcNow();
        var made = queues
            .Select(q => new { queue = q.Name, intervals = forecasts.MakeAhead(q, time).Count })
            .ToList();
        audit.Record(http, "forecast.recomputed",
            string.Join(", ", made.Select(m => $"{m.queue}: {m.intervals} intervals")));
        return Results.Ok(new { computedUtc = now, queues = made });
    }

    private static QueueDefinition? FindQueue(FieldErrors errors, ForecastStore forecasts, string? name)
    {
        var wanted = errors.Required("queue", name);
        if (wanted.Length == 0)
        {
            return null;
        }

        var queue = forecasts.Queues().FirstOrDefault(q => q.Name == wanted);
        if (queue is null)
        {
            errors.Add("queue", $"no queue '{wanted}' exists on this box");
        }

        return queue;
    }

    private static DateOnly? Day(FieldErrors errors, string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(
                text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add("day", $"'{text}' is not a day like 2026-12-05");
            return null;
        }

        if (day < ReportRange.EarliestDay)
        {
            errors.Add("day", $"'{text}' is before {ReportRange.EarliestDay:yyyy-MM-dd}");
            return null;
        }

        if (day.DayNumber - today.DayNumber > MaxDaysAhead)
        {
            errors.Add("day", $"a forecast reaches at most {MaxDaysAhead} days ahead");
            return null;
        }

        return day;
    }

    private static string Csv(ForecastDay forecast)
    {
        var csv = new StringBuilder("interval_start,offered,aht_s,patience_s,agents_erlang_c,agents_erlang_a,")
            .Append("expected_service_level_pct\r\n");
        foreach (var r in forecast.Intervals)
        {
            csv.AppendJoin(',', [.. new[]
            {
                forecast.Day + " " + r.Start,
                Number(r.Offered),
                Number(r.HandleTimeSeconds),
                r.PatienceSeconds is { } p ? Number(p) : null,
                Number(r.AgentsErlangC),
                Number(r.AgentsErlangA),
                r.ExpectedServiceLevelPercent is { } level ? Number(level) : null,
            }.Select(CsvField.Escape)]).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
