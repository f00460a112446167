using System.Globalization;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The recording policy page's API: per queue, record all calls, none, or on demand, the file
/// format and the days recordings are kept. The box reads the policy at each answer, so a saved
/// change applies to the next call; calls in progress keep recording (or not) as they started.
/// </summary>
internal static class RecordingPolicyEndpoints
{
    /// <summary>The longest retention a queue may ask for: ten years.</summary>
    public const int MaxRetentionDays = 3650;

    private static readonly string[] s_modes = [RecordingPolicyRow.All, RecordingPolicyRow.None, RecordingPolicyRow.OnDemand];

    private static readonly string[] s_formats = [RecordingPolicyRow.Wav, RecordingPolicyRow.Opus];

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Roles.AdminPolicy).WithTags("Admin");

        admin.MapGet("/recording-policies", (WebStore store) =>
        {
            var stored = store.RecordingPolicies().ToDictionary(p => p.Queue, StringComparer.Ordinal);
            return Results.Ok(new
            {
                // Every queue is listed, those without a row with the box's default: all, as WAV.
                policies = store.QueueRows().Select(q => stored.GetValueOrDefault(q.Name)
                    ?? new RecordingPolicyRow { Queue = q.Name }),
                modes = s_modes,
                formats = s_formats,
            });
        });
        admin.MapPost("/recording-policies", Save).AddEndpointFilter<CsrfFilter>();
    }

    private static IResult Save(HttpContext http, RecordingPolicyRequest form, WebStore store, AuditTrail audit)
    {
        var errors = new FieldErrors();
        var queue = errors.Required("queue", form.Queue, 40);
        if (queue.Length > 0 && !store.QueueRows().Any(q => q.Name == queue))
        {
            errors.Add("queue", $"no queue '{queue}' exists on this box");
        }

        var mode = (form.Mode ?? string.Empty).Trim().ToLowerInvariant();
        if (!s_modes.Contains(mode))
        {
            errors.Add("mode", $"'{form.Mode}' is not one of {string.Join(", ", s_modes)}");
        }

        var format = (form.Format ?? string.Empty).Trim().ToLowerInvariant();
        if (!s_formats.Contains(format))
        {
            errors.Add("format", $"'{form.Format}' is not one of {string.Join(", ", s_formats)}");
        }

        var days = 0;
        var daysText = form.RetentionDays?.Trim() ?? string.Empty;
        if (daysText.Length > 0 && (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days)
            || days > MaxRetentionDays))
        {
            errors.Add("retentionDays", $"'{daysText}' is not a whole number of days from 0 to {MaxRetentionDays}");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        store.SaveRecordingPolicy(new RecordingPolicyRow
        {
            Queue = queue, Mode = mode, Format = format, RetentionDays = days,
        });
        audit.Record(http, "recording-policy.saved", $"queue {queue}: {mode}, {format}, kept {days} days (0: box default)");
        return Results.Ok(new { queue, mode, format, retentionDays = days });
    }
}
