using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Trunks;

/// <summary>
/// <c>GET /api/trunks</c>: trunk groups, card ports and alarms, and busy channels right now, for
/// supervisors, admins and API tokens, and the carrier SIP trunks. 404 when the box has neither.
/// </summary>
internal static class TrunkEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ITrunkStatusView? trunks)
    {
        app.MapGet("/api/trunks", () => trunks is null
                ? Results.Problem(
                    title: "No trunks",
                    detail: "This box runs without PSTN trunks (Pstn:Card) and without SIP trunks (Sip:Trunks).",
                    statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(trunks.Now()))
            .RequireAuthorization(Roles.SupervisorPolicy)
            .WithTags("CTI")
            .WithSummary("PSTN trunk groups, ports with alarms, channels with a call, and SIP trunks");
    }
}
