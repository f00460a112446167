using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Voicemail;

/// <summary>
/// <c>GET /api/voicemail/{mailbox}</c> lists a mailbox's messages, <c>.../{id}/audio</c> plays or
/// downloads one as WAV, <c>POST .../{id}/heard</c> marks it heard and <c>DELETE .../{id}</c>
/// deletes it; the last two change the phone's lamp and are audited. An agent reaches its own
/// mailbox only (its extension); supervisors, admins and API tokens reach every mailbox.
/// </summary>
internal static class VoicemailEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IVoicemailDirectory? voicemail)
    {
        var group = app.MapGroup("/api/voicemail/{mailbox}")
            .RequireAuthorization(Roles.AnyUserPolicy)
            .WithTags("Voicemail");

        group.MapGet("", (string mailbox, ClaimsPrincipal user) =>
                Guard(mailbox, user, voicemail) ?? Results.Ok(voicemail!.Messages(mailbox)))
            .WithSummary("The messages of a mailbox, new ones first, with the address of each one's audio");
        group.MapGet("/{id:int}/audio", (string mailbox, int id, ClaimsPrincipal user) =>
            {
                var refused = Guard(mailbox, user, voicemail);
                if (refused is not null)
                {
                    return refused;
                }

                var path = voicemail!.AudioPath(mailbox, id);
                return path is null || !File.Exists(path)
                    ? NotFound(mailbox, id)
                    : Results.File(path, "audio/wav", $"voicemail-{mailbox}-{id}.wav", enableRangeProcessing: true);
            })
            .WithSummary("A message as 8 kHz mono WAV");
        group.MapPost("/{id:int}/heard", (string mailbox, int id, ClaimsPrincipal user, HttpContext http, AuditTrail audit) =>
                Change(mailbox, id, user, http, audit, voicemail, "voicemail.heard", v => v.MarkHeard(mailbox, id)))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Marks a message heard: it becomes old and the lamp shows the new count");
        group.MapDelete("/{id:int}", (string mailbox, int id, ClaimsPrincipal user, HttpContext http, AuditTrail audit) =>
                Change(mailbox, id, user, http, audit, voicemail, "voicemail.deleted", v => v.Delete(mailbox, id)))
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Deletes a message and its audio; the lamp shows the new count");
    }

    private static IResult Change(
        string mailbox,
        int id,
        ClaimsPrincipal user,
        HttpContext http,
        AuditTrail audit,
        IVoicemailDirectory? voicemail,
        string action,
        Func<IVoicemailDirectory, bool> change)
    {
        var refused = Guard(mailbox, user, voicemail);
        if (refused is not null)
        {
            return refused;
        }

        if (!change(voicemail!))
        {
            return NotFound(mailbox, id);
        }

        audit.Record(http, action, $"mailbox {mailbox} message {id}");
        return Results.NoContent();
    }

    /// <summary>Null when the user may use the mailbox, otherwise the problem to answer.</summary>
    private static IResult? Guard(string mailbox, ClaimsPrincipal user, IVoicemailDirectory? voicemail)
    {
        if (voicemail is null)
        {
            return Results.Problem(title: "Voicemail is not available on this box", statusCode: StatusCodes.Status404NotFound);
        }

        return CtiEndpoints.MayCommand(user, mailbox)
            ? null
            : Results.Problem(title: $"Mailbox {mailbox} is not yours", statusCode: StatusCodes.Status403Forbidden);
    }

    private static IResult NotFound(string mailbox, int id) =>
        Results.Problem(title: $"Mailbox {mailbox} has no message {id}", statusCode: StatusCodes.Status404NotFound);
}
