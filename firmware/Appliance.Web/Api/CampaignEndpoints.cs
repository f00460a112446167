using System.Security.Claims;
using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// Outbound campaigns in the CTI API: <c>GET /api/campaigns</c> gives each campaign's progress
/// (any user); <c>POST /api/campaigns/{name}/{action}</c> starts, pauses, resumes or stops one
/// (supervisors, admins and tokens), answering 409 when its state does not allow the action;
/// <c>POST /api/campaigns/{name}/calls/{contact}/disposition</c> closes the wrap-up of a call with
/// the agent's code and optional call-back (an agent only their own; supervisors any).
/// <c>GET /api/campaigns/desk</c> gives what the agent desktop shows of the campaigns (the contact
/// previewed, the calls waiting for a disposition); <c>POST /api/campaigns/{name}/preview/dial</c>
/// and <c>.../skip</c> dial or pass on the previewed contact.
/// </summary>
internal static class CampaignEndpoints
{
    private static readonly HashSet<string> s_actions = new(StringComparer.Ordinal) { "start", "pause", "resume", "stop" };

    public static void Map(IEndpointRouteBuilder app, ICampaignConsole? console)
    {
        var group = app.MapGroup("/api/campaigns").WithTags("Campaigns");

        group.MapGet("", () => Results.Ok(console?.Campaigns ?? []))
            .RequireAuthorization(Roles.AnyUserPolicy)
            .WithSummary("Outbound campaigns and their progress");

        group.MapGet("/desk", (HttpContext http, string? agent) =>
        {
            var agentId = OwnAgent(http) ?? agent;
            return Results.Ok(new
            {
                previews = console?.Previews(agentId) ?? [],
                wrapUps = console?.WrapUps(agentId) ?? [],
            });
        })
            .RequireAuthorization(Roles.AnyUserPolicy)
            .WithSummary("The campaign contacts previewed and the campaign calls waiting for a disposition");

        group.MapPost("/{name}/preview/{verb}", (
            string name,
            string verb,
            string? agent,
            HttpContext http,
            AuditTrail audit) =>
        {
            if (verb is not "dial" and not "skip")
            {
                return Results.Problem(
                    title: "verb: must be dial or skip",
                    detail: $"'{verb}' is not dial or skip.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            // An agent dials their own preview; a supervisor or a token names the agent.
            var agentId = OwnAgent(http) ?? agent;
            if (string.IsNullOrEmpty(agentId))
            {
                return Results.Problem(title: "agent: required", statusCode: StatusCodes.Status400BadRequest);
            }

            if (console is null || !console.Campaigns.Any(c => c.Name == name))
            {
                return Results.Problem(title: $"Campaign {name} does not exist", statusCode: StatusCodes.Status404NotFound);
            }

            if (!console.TryPreview(name, agentId, verb == "dial"))
            {
                return Results.Problem(
                    title: $"Agent {agentId} has no preview in campaign {name}",
                    detail: "It was dialled or skipped already, or the campaign was paused or stopped.",
                    statusCode: StatusCodes.Status409Conflict);
            }

            audit.Record(http, "campaign.preview-" + verb, $"campaign {name} agent {agentId}");
            return Results.NoContent();
        })
            .RequireAuthorization(Roles.AnyUserPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Dials or skips the contact an agent previews");

        group.MapPost("/{name}/{action}", (string name, string action, HttpContext http, AuditTrail audit) =>
        {
            if (!s_actions.Contains(action))
            {
                return Results.Problem(
                    title: "action: must be start, pause, resume or stop",
                    detail: $"'{action}' is not an action.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (console is null || !console.Campaigns.Any(c => c.Name == name))
            {
                return Results.Problem(title: $"Campaign {name} does not exist", statusCode: StatusCodes.Status404NotFound);
            }

            if (!console.TryCommand(name, action, out var refusal))
            {
                return Results.Problem(
                    title: $"Campaign {name} cannot {action} now",
                    detail: refusal,
                    statusCode: StatusCodes.Status409Conflict);
            }

            audit.Record(http, "campaign." + action, $"campaign {name}");
            return Results.NoContent();
        })
            .RequireAuthorization(Roles.SupervisorPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Starts, pauses, resumes or stops a campaign");

        group.MapPost("/{name}/calls/{contact}/disposition", (
            string name,
            string contact,
            DispositionRequest request,
            HttpContext http,
            AuditTrail audit,
            TimeProvider time) => GiveDisposition(console, name, contact, request, http, audit, time))
            .RequireAuthorization(Roles.AnyUserPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Gives the disposition of a campaign call in wrap-up, with an optional call-back");
    }

    private static IResult GiveDisposition(
        ICampaignConsole? console,
        string name,
        string contact,
        DispositionRequest request,
        HttpContext http,
        AuditTrail audit,
        TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Code))
        {
            return Results.Problem(title: "code: required", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.CallbackUtc is { } callback && callback <= time.GetUtcNow())
        {
            return Results.Problem(
                title: "callbackUtc: must be in the future",
                detail: $"{callback:O} has passed.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        // An agent gives dispositions of their own calls only; supervisors and tokens of any.
        var agentId = OwnAgent(http);
        var outcome = console?.GiveDisposition(name, contact, request.Code, request.CallbackUtc, agentId)
            ?? DispositionOutcome.NoSuchCampaign;
        switch (outcome)
        {
            case DispositionOutcome.NoSuchCampaign:
                return Results.Problem(title: $"Campaign {name} does not exist", statusCode: StatusCodes.Status404NotFound);
            case DispositionOutcome.UnknownCode:
                return Results.Problem(
                    title: "code: not a disposition code of the campaign",
                    detail: $"'{request.Code}' is not a code of campaign {name}.",
                    statusCode: StatusCodes.Status400BadRequest);
            case DispositionOutcome.NotInWrapUp:
                return Results.Problem(
                    title: $"No call to contact {contact} is in wrap-up",
                    detail: "The wrap-up closed already, the call has not ended, or it is another agent's.",
                    statusCode: StatusCodes.Status409Conflict);
        }

        audit.Record(
            http,
            "campaign.disposition",
            request.CallbackUtc is { } at
                ? $"campaign {name} contact {contact}: {request.Code}, call-back {at:O}"
                : $"campaign {name} contact {contact}: {request.Code}");
        return Results.NoContent();
    }

    /// <summary>For a signed-in agent, their extension ("" if they have none); null for others.</summary>
    private static string? OwnAgent(HttpContext http) =>
        http.User.IsInRole(Roles.Agent) ? http.User.FindFirstValue(AccountService.AgentClaim) ?? "" : null;
}
