using Appliance.Web.Live;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// Outbound campaigns in the CTI API: <c>GET /api/campaigns</c> gives each campaign's progress
/// (any user); <c>POST /api/campaigns/{name}/{action}</c> starts, pauses, resumes or stops one
/// (supervisors, admins and tokens), answering 409 when its state does not allow the action.
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
    }
}
