using Appliance.Web.Api;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Sms;

/// <summary>
/// <c>GET /api/sms</c>: the newest messages both ways; <c>POST /api/sms</c>: queue one to send.
/// Supervisors, admins and API tokens. 404 when the box has no GSM module.
/// </summary>
internal static class SmsEndpoints
{
    /// <summary>Ten concatenated UCS-2 parts of 67 characters (the driver's most); a module in
    /// text mode refuses more than 160 GSM characters, and the message is then failed.</summary>
    public const int MaxLength = 670;

    public static void Map(IEndpointRouteBuilder app, ISmsCenter? sms)
    {
        var group = app.MapGroup("/api/sms").RequireAuthorization(Roles.SupervisorPolicy).WithTags("CTI");

        group.MapGet("/", (int? count) => sms is null ? NoModule() : Results.Ok(sms.Recent(count ?? 100)))
            .WithSummary("Text messages received and sent through the GSM modules, newest first");
        group.MapPost("/", (SmsRequest request, HttpContext http, AuditTrail audit) =>
            {
                if (sms is null)
                {
                    return NoModule();
                }

                var errors = new FieldErrors();
                var number = errors.Required("number", request.Number, 20);
                var text = errors.Required("text", request.Text, MaxLength);
                if (number.Length > 0 && !IsNumber(number))
                {
                    errors.Add("number", "is not a phone number (digits with an optional leading +)");
                }

                if (text.Any(c => c < ' ' && c != '\n'))
                {
                    errors.Add("text", "holds control characters");
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var queued = sms.Queue(number, text, http.User.Identity?.Name ?? "");
                audit.Record(http, "sms.queue", $"to {number}");
                return Results.Accepted($"/api/sms/{queued.Id}", queued);
            })
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Queue a text message; it is sent as soon as a GSM module accepts it");
    }

    private static bool IsNumber(string number)
    {
        var digits = number.StartsWith('+') ? number[1..] : number;
        return digits.Length is > 0 and <= 20 && digits.All(char.IsAsciiDigit);
    }

    private static IResult NoModule() => Results.Problem(
        title: "No GSM module",
        detail: "This box has no GSM module to carry text messages (Pstn:Gsm is not set).",
        statusCode: StatusCodes.Status404NotFound);
}
