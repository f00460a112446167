using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Desk;

/// <summary>
/// <c>POST /api/calls/{callId}/transfer</c>, <c>/consult</c>, <c>/complete</c> and
/// <c>/cancel-consult</c>: blind and attended transfer of a call bridged to an agent;
/// <c>/conference</c> adds an extension to it; <c>POST /api/calls/dial</c> is click-to-dial;
/// <c>/supervise</c> is the wallboard's listen, whisper and barge (supervisors and admins). An agent
/// may command only its own call; supervisors, admins and API tokens any. Each is audited.
/// </summary>
internal static class DeskCallEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IDeskCallControl? desk)
    {
        app.MapPost("/api/calls/dial", (DialRequest? form, string? agent, ClaimsPrincipal user, HttpContext http,
                AuditTrail audit) => DialAsync(form, agent, user, http, audit, desk))
            .RequireAuthorization(Roles.AnyUserPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithTags("CTI")
            .WithSummary("Click-to-dial: rings the agent's phone, then on its answer the number, and bridges them");

        var calls = app.MapGroup("/api/calls/{callId}")
            .RequireAuthorization(Roles.AnyUserPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithTags("CTI");

        calls.MapPost("/transfer", (string callId, DeskTargetRequest? form, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => CommandAsync(
                    callId, form, needsTarget: true, "call.transferred", user, http, floor, audit,
                    target => desk!.TransferAsync(callId, target), desk))
            .WithSummary("Blind transfer to a queue or an extension; the agent goes once the target has it");
        calls.MapPost("/consult", (string callId, DeskTargetRequest? form, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => CommandAsync(
                    callId, form, needsTarget: true, "call.consulting", user, http, floor, audit,
                    target => desk!.ConsultAsync(callId, target), desk))
            .WithSummary("Attended transfer: the caller hears hold music while the extension rings for the agent");
        calls.MapPost("/complete", (string callId, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => CommandAsync(
                    callId, form: null, needsTarget: false, "call.transfer-completed", user, http, floor, audit,
                    _ => desk!.CompleteConsultationAsync(callId), desk))
            .WithSummary("Completes the attended transfer: caller and consulted extension talk, the agent goes");
        calls.MapPost("/cancel-consult", (string callId, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => CommandAsync(
                    callId, form: null, needsTarget: false, "call.consult-cancelled", user, http, floor, audit,
                    _ => desk!.CancelConsultationAsync(callId), desk))
            .WithSummary("Ends the consultation and gives the caller back to the agent");
        calls.MapPost("/conference", (string callId, DeskTargetRequest? form, ClaimsPrincipal user, HttpContext http,
                IContactCenterFloor floor, AuditTrail audit) => CommandAsync(
                    callId, form, needsTarget: true, "call.conference", user, http, floor, audit,
                    target => desk!.ConferenceAsync(callId, target), desk))
            .WithSummary("Rings an extension to join the call: caller, agent and it each hear the other two");

        app.MapPost("/api/calls/{callId}/supervise", (string callId, SuperviseRequest? form, HttpContext http,
                AuditTrail audit) => SuperviseAsync(callId, form, http, audit, desk))
            .RequireAuthorization(Roles.SupervisorPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithTags("CTI")
            .WithSummary("Listen, whisper or barge: rings the supervisor's phone, which joins the call so");
    }

    private static async Task<IResult> CommandAsync(
        string callId,
        DeskTargetRequest? form,
        bool needsTarget,
        string auditAction,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        AuditTrail audit,
        Func<string, Task<DeskCallResult>> command,
        IDeskCallControl? desk)
    {
        var call = floor.Calls.FirstOrDefault(c => c.CallId == callId);
        if (call is null || desk is null)
        {
            return Results.Problem(
                title: $"Call {callId} is not in progress",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (!CtiEndpoints.MayCommand(user, call.Agent))
        {
            return Results.Problem(
                title: $"Call {callId} is not yours",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var target = form?.Target?.Trim() ?? string.Empty;
        if (needsTarget && (target.Length == 0 || target.Length > 40))
        {
            var errors = new FieldErrors();
            errors.Add("target", target.Length == 0 ? "is required" : "is longer than 40 characters");
            return errors.ToResult();
        }

        var result = await command(target).ConfigureAwait(false);
        switch (result)
        {
            case DeskCallResult.Done:
                audit.Record(http, auditAction, needsTarget ? $"call {callId} to {target}" : $"call {callId}");
                return Results.NoContent();
            case DeskCallResult.UnknownTarget:
                var errors = new FieldErrors();
                errors.Add("target", $"'{target}' is neither a queue nor another agent's registered extension");
                return errors.ToResult();
            case DeskCallResult.NoSuchCall:
                return Results.Problem(
                    title: $"Call {callId} is not in progress",
                    statusCode: StatusCodes.Status404NotFound);
            case DeskCallResult.Unavailable:
                return Results.Problem(
                    title: $"{target} cannot be rung now",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            default:
                return Results.Problem(
                    title: ConflictTitle(callId, result),
                    statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> DialAsync(
        DialRequest? form,
        string? agent,
        ClaimsPrincipal user,
        HttpContext http,
        AuditTrail audit,
        IDeskCallControl? desk)
    {
        // An agent dials from its own phone; supervisors, admins and tokens name the agent.
        var agentId = user.IsInRole(Roles.Agent) ? user.FindFirstValue(AccountService.AgentClaim) : agent?.Trim();
        var errors = new FieldErrors();
        var number = errors.Required("number", form?.Number, maxLength: 32);
        if (number.Length > 0 && !number.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#'))
        {
            errors.Add("number", "may hold only digits, '+', '*' and '#'");
        }

        if (string.IsNullOrEmpty(agentId))
        {
            errors.Add("agent", "is required: the agent whose phone rings first");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (desk is null)
        {
            return Results.Problem(
                title: "This box cannot place calls",
                statusCode: StatusCodes.Status404NotFound);
        }

        var (result, callId) = await desk.DialAsync(agentId!, number).ConfigureAwait(false);
        switch (result)
        {
            case DeskCallResult.Done:
                audit.Record(http, "call.dialled", $"call {callId}: agent {agentId} to {number}");
                return Results.Ok(new { callId, agent = agentId, number });
            case DeskCallResult.UnknownTarget:
                var unknown = new FieldErrors();
                unknown.Add("number", $"'{number}' is not another registered extension");
                return unknown.ToResult();
            default:
                return Results.Problem(
                    title: $"Agent {agentId}'s phone cannot be rung now",
                    detail: "It is not registered, or no RTP port is free.",
                    statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> SuperviseAsync(
        string callId,
        SuperviseRequest? form,
        HttpContext http,
        AuditTrail audit,
        IDeskCallControl? desk)
    {
        var errors = new FieldErrors();
        var mode = errors.Required("mode", form?.Mode, maxLength: 10).ToLowerInvariant();
        if (mode.Length > 0 && mode is not ("listen" or "whisper" or "barge"))
        {
            errors.Add("mode", "is one of listen, whisper, barge");
        }

        var extension = errors.Required("extension", form?.Extension, maxLength: 32);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var result = desk is null ? DeskCallResult.NoSuchCall
            : await desk.SuperviseAsync(callId, extension, mode).ConfigureAwait(false);
        switch (result)
        {
            case DeskCallResult.Done:
                audit.Record(http, "call.supervised", $"call {callId}: {mode} from {extension}");
                return Results.NoContent();
            case DeskCallResult.NoSuchCall:
                return Results.Problem(
                    title: $"Call {callId} is not in progress",
                    statusCode: StatusCodes.Status404NotFound);
            case DeskCallResult.Unavailable:
                var unreachable = new FieldErrors();
                unreachable.Add("extension", $"'{extension}' is not a registered phone");
                return unreachable.ToResult();
            default:
                return Results.Problem(
                    title: $"Call {callId} is not talking to an agent",
                    statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static string ConflictTitle(string callId, DeskCallResult result) => result switch
    {
        DeskCallResult.NotBridged => $"Call {callId} is not talking to an agent",
        DeskCallResult.Busy => $"Call {callId} is on hold or in another transfer",
        _ => $"Call {callId} has no answered consultation",
    };
}
