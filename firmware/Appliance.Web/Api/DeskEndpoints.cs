using System.Security.Claims;
using System.Text.RegularExpressions;
using Appliance.Storage.Rows;
using Appliance.Storage.Web;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The agent desktop's call control in the CTI API: hold and resume of a bridged call, the
/// disposition code and early end of the wrap-up of an inbound call, and the admin's list of
/// disposition codes. An agent may command only its own call; supervisors, admins and API
/// tokens any.
/// </summary>
internal static partial class DeskEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var cti = app.MapGroup("/api").RequireAuthorization(Roles.AnyUserPolicy).WithTags("CTI");

        cti.MapGet("/dispositions", (WebStore store) =>
                Results.Ok(store.DispositionCodes().Select(c => new { c.Code, c.Name })))
            .WithSummary("The disposition codes an admin defined for inbound calls");
        cti.MapPost("/calls/{callId}/wrap-up", WrapUp)
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Stores the disposition code of an ended call and ends its agent's wrap-up");
        cti.MapPost("/calls/{callId}/hold", (string callId, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => HoldAsync(callId, true, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Holds the caller: music on hold to the caller, the agent's leg kept and muted");
        cti.MapPost("/calls/{callId}/resume", (string callId, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => HoldAsync(callId, false, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Resumes a call held from the desktop");

        var admin = app.MapGroup("/api/admin/dispositions")
            .RequireAuthorization(Roles.AdminPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithTags("Admin");
        admin.MapPost("", SaveCode).WithSummary("Adds or renames a disposition code");
        admin.MapDelete("/{code}", (string code, HttpContext http, WebStore store, AuditTrail audit) =>
        {
            if (!store.DeleteDispositionCode(code))
            {
                return Results.Problem(title: $"No disposition code {code}", statusCode: StatusCodes.Status404NotFound);
            }

            audit.Record(http, "disposition.deleted", $"code {code}");
            return Results.NoContent();
        }).WithSummary("Removes a disposition code; records that carry it keep it");
    }

    private static IResult SaveCode(DispositionCodeRequest form, HttpContext http, WebStore store, AuditTrail audit)
    {
        var errors = new FieldErrors();
        var code = errors.Required("code", form.Code, maxLength: 40).ToLowerInvariant();
        if (code.Length > 0 && !CodePattern().IsMatch(code))
        {
            errors.Add("code", "may hold only letters, digits and '-'");
        }

        var name = errors.Required("name", form.Name, maxLength: 60);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        store.SaveDispositionCode(new DispositionCodeRow { Code = code, Name = name });
        audit.Record(http, "disposition.saved", $"code {code}: {name}");
        return Results.NoContent();
    }

    private static IResult WrapUp(
        string callId,
        WrapUpRequest? form,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        WebStore store,
        AuditTrail audit)
    {
        if (floor.Calls.Any(c => c.CallId == callId))
        {
            return Results.Problem(
                title: $"Call {callId} is still in progress",
                detail: "A disposition is given in wrap-up, once the call has ended.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var record = store.FindCdr(callId);
        if (record is null)
        {
            return Results.Problem(title: $"Call {callId} has no record", statusCode: StatusCodes.Status404NotFound);
        }

        if (!CtiEndpoints.MayCommand(user, record.Agent))
        {
            return Results.Problem(title: $"Call {callId} is not yours", statusCode: StatusCodes.Status403Forbidden);
        }

        // Once an admin has defined codes, one of them is required, stored as the admin wrote it.
        var given = string.IsNullOrWhiteSpace(form?.Code) ? null : form.Code.Trim();
        var codes = store.DispositionCodes();
        var code = given is null
            ? null
            : codes.FirstOrDefault(c => string.Equals(c.Code, given, StringComparison.OrdinalIgnoreCase))?.Code;
        if ((codes.Count > 0 && code is null) || (codes.Count == 0 && given is not null))
        {
            var errors = new FieldErrors();
            errors.Add("code", codes.Count == 0
                ? "no disposition codes are defined on this box"
                : given is null
                    ? "is required"
                    : $"'{given}' is not one of {string.Join(", ", codes.Select(c => c.Code))}");
            return errors.ToResult();
        }

        if (code is not null && !store.TrySetWrapUpCode(callId, code))
        {
            return Results.Problem(
                title: $"Call {callId} has its disposition already",
                detail: $"It was given '{record.WrapUpCode}'.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var ready = record.Agent is not null && floor.EndWrapUp(record.Agent);
        audit.Record(http, "call.wrap-up", $"call {callId} code {code ?? "(none)"}; agent {record.Agent}"
            + (ready ? " ready" : " was not in wrap-up"));
        return Results.Ok(new { callId, code, wrapUpEnded = ready });
    }

    private static async Task<IResult> HoldAsync(
        string callId,
        bool hold,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        AuditTrail audit)
    {
        var call = floor.Calls.FirstOrDefault(c => c.CallId == callId);
        if (call is null)
        {
            return Results.Problem(title: $"Call {callId} is not in progress", statusCode: StatusCodes.Status404NotFound);
        }

        if (!CtiEndpoints.MayCommand(user, call.Agent))
        {
            return Results.Problem(title: $"Call {callId} is not yours", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!await floor.HoldAsync(callId, hold).ConfigureAwait(false))
        {
            return Results.Problem(
                title: $"Call {callId} is not talking to an agent",
                statusCode: StatusCodes.Status409Conflict);
        }

        audit.Record(http, hold ? "call.held" : "call.resumed", $"call {callId} from {call.CallerNumber}");
        return Results.NoContent();
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex CodePattern();
}
