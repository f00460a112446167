using System.Security.Claims;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// <c>POST /api/calls/{callId}/recording/pause</c> and <c>.../resume</c>: the agent of the call,
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

        calls.MapPost("/pause", (string callId, ClaimsPrincipal user, HttpContext http, IContactCenterFloor floor, AuditTrail audit)
                => Command(callId, paused: true, recording, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Pauses the recording of a call: silence is recorded until it is resumed");
        calls.MapPost("/resume", (string callId, ClaimsPrincipal user, HttpContext http, IContactCenterFloor floor, AuditTrail audit)
                => Command(callId, paused: false, recording, user, http, floor, audit))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Resumes the recording of a call");
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
        var call = floor.Calls.FirstOrDefault(c => c.CallId == callId);
        if (call is null || recording is null)
        {
            return Results.Problem(title: $"Call {callId} is not in progress", statusCode: StatusCodes.Status404NotFound);
        }

        if (!CtiEndpoints.MayCommand(user, call.Agent))
        {
            return Results.Problem(title: $"Call {callId} is not yours", statusCode: StatusCodes.Status403Forbidden);
        }

        var result = recording.SetPaused(callId, paused);
        switch (result)
        {
            case RecordingCommandResult.NoSuchCall:
                return Results.Problem(title: $"Call {callId} is not in progress", statusCode: StatusCodes.Status404NotFound);
            case RecordingCommandResult.NotRecorded:
                return Results.Problem(title: $"Call {callId} is not being recorded", statusCode: StatusCodes.Status409Conflict);
            case RecordingCommandResult.Changed:
                audit.Record(http, paused ? "recording.paused" : "recording.resumed", $"call {callId}");
                break;
        }

        return Results.NoContent();
    }
}
