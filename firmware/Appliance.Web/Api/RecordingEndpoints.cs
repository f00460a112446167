using System.Security.Claims;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// <c>POST /api/calls/{callId}/recording/start</c> records a bridged call that records nothing
/// (its queue's policy is on-demand) from that moment; 409 when it already is recorded or is not
/// bridged; <c>GET /api/calls/{callId}/recording</c> says whether it is. <c>POST
/// /api/calls/{callId}/recording/pause</c> and <c>.../resume</c>: the agent of the call,
/// supervisors, admins and API tokens may pause a call's recording (silence is recorded so the
/// file keeps its timeline) and resume it. Each change is audited; asking for the state the
/// recording is already in answers 204 too, so a desktop button may repeat itself.
/// </summary>
internal static class RecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ICallRecordingControl? recording)
    {
        var calls = app.MapGroup("/api/calls/{callId}/recording")
            .RequireAuthorization(Roles.AnyUserPolicy)
            .WithTags("CTI");

        calls.MapGet("/", (string callId, ClaimsPrincipal user, IContactCenterFloor floor) =>
                Refusal(callId, recording, user, floor)
                ?? (recording!.IsRecorded(callId) is { } recorded
                    ? Results.Ok(new { recorded })
                    : NotInProgress(callId)))
            .WithSummary("Whether a call in progress is recorded: {\"recorded\": true or false}");
        calls.MapPost("/start", (string callId, ClaimsPrincipal user, HttpContext http, IContactCenterFloor floor,
                AuditTrail audit) => StartAsync(callId, recording, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Starts recording a bridged call that is not recorded, from this moment");
        calls.MapPost("/pause", (string callId, ClaimsPrincipal user, HttpContext http, IContactCenterFloor floor,
                AuditTrail audit) => Command(callId, paused: true, recording, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Pauses the recording of a call: silence is recorded until it is resumed");
        calls.MapPost("/resume", (string callId, ClaimsPrincipal user, HttpContext http, IContactCenterFloor floor,
                AuditTrail audit) => Command(callId, paused: false, recording, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Resumes the recording of a call");
    }

    private static async Task<IResult> StartAsync(
        string callId,
        ICallRecordingControl? recording,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        AuditTrail audit)
    {
        var refused = Refusal(callId, recording, user, floor);
        if (refused is not null)
        {
            return refused;
        }

        var result = await recording!.StartAsync(callId).ConfigureAwait(false);
        switch (result)
        {
            case RecordingCommandResult.Changed:
                audit.Record(http, "recording.started", $"call {callId}");
                return Results.NoContent();
            case RecordingCommandResult.AlreadyRecorded:
                return Results.Problem(
                    title: $"Call {callId} is already recorded",
                    statusCode: StatusCodes.Status409Conflict);
            case RecordingCommandResult.NotBridged:
                return Results.Problem(
                    title: $"Call {callId} is not bridged: only a call in talk can be recorded",
                    statusCode: StatusCodes.Status409Conflict);
            case RecordingCommandResult.Failed:
                return Results.Problem(
                    title: $"The recording of call {callId} could not start: "
                        + "the recordings folder cannot be written",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            default:
                return NotInProgress(callId);
        }
    }

    private static IResult NotInProgress(string callId) =>
        Results.Problem(title: $"Call {callId} is not in progress", statusCode: StatusCodes.Status404NotFound);

    // The call must be in progress and the user its agent, a supervisor, an admin or a token.
    private static IResult? Refusal(string callId, ICallRecordingControl? recording, ClaimsPrincipal user,
        IContactCenterFloor floor)
    {
        var call = floor.Calls.FirstOrDefault(c => c.CallId == callId);
        if (call is null || recording is null)
        {
            return NotInProgress(callId);
        }

        return CtiEndpoints.MayCommand(user, call.Agent)
            ? null
            : Results.Problem(title: $"Call {callId} is not yours", statusCode: StatusCodes.Status403Forbidden);
    }

    private static IResult Command(
        string callId,
        bool paused,
        ICallRecordingControl? recording,
        ClaimsPrincipal user,
        HttpContext http,
        IContactCenterFloor floor,
        AuditTrail audit)
    {
        var refused = Refusal(callId, recording, user, floor);
        if (refused is not null)
        {
            return refused;
        }

        var result = recording!.SetPaused(callId, paused);
        switch (result)
        {
            case RecordingCommandResult.NoSuchCall:
                return NotInProgress(callId);
            case RecordingCommandResult.NotRecorded:
                return Results.Problem(
                    title: $"Call {callId} is not being recorded",
                    statusCode: StatusCodes.Status409Conflict);
            case RecordingCommandResult.Changed:
                audit.Record(http, paused ? "recording.paused" : "recording.resumed", $"call {callId}");
                break;
        }

        return Results.NoContent();
    }
}
