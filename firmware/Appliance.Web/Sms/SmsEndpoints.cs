using System.Text.Json;
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
        group.MapPost("/", async (HttpContext http, AuditTrail audit) =>
            {
                if (sms is null)
                {
                    return NoModule();
                }

                // Read by hand: the binder's answer to "number": 123 is a bare 400 naming no field.
                var errors = new FieldErrors();
                var request = await ReadAsync(http, errors).ConfigureAwait(false);
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
            .Accepts<SmsRequest>("application/json")
            .WithSummary("Queue a text message; it is sent as soon as a GSM module accepts it");
    }

    /// <summary>The request's number and text; a field that is not a JSON string, or a body that
    /// is not a JSON object, is an error by the field's name.</summary>
    private static async Task<SmsRequest> ReadAsync(HttpContext http, FieldErrors errors)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException)
        {
            errors.Add("number", "the request is not JSON of the form {\"number\": \"+86...\", \"text\": \"...\"}");
            return new SmsRequest(null, null);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("number", "the request is not a JSON object of number and text");
                return new SmsRequest(null, null);
            }

            return new SmsRequest(
                StringField(document.RootElement, "number", errors), StringField(document.RootElement, "text", errors));
        }
    }

    private static string? StringField(JsonElement body, string name, FieldErrors errors)
    {
        var property = body.EnumerateObject()
            .FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                return property.Value.GetString();
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            default:
                errors.Add(name, $"is a JSON {property.Value.ValueKind.ToString().ToLowerInvariant()}, not text in quotes");
                return "";
        }
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
