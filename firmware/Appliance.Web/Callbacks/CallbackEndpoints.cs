using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Callbacks;

/// <summary>
/// <c>GET /api/callbacks</c> lists the callbacks waiting to be dialled (queue, number, when asked
/// for, attempts, state) and <c>DELETE /api/callbacks/{id}</c> cancels one, audited as
/// <c>callback.cancelled</c>. Supervisors, admins and API tokens only.
/// </summary>
internal static class CallbackEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ICallbackDesk? callbacks)
    {
        var group = app.MapGroup("/api/callbacks")
            .RequireAuthorization(Roles.SupervisorPolicy)
            .WithTags("Callbacks");

        group.MapGet("", () => callbacks is null ? Results.Ok(Array.Empty<PendingCallback>()) : Results.Ok(callbacks.Pending()))
            .WithSummary("The callbacks waiting to be dialled, oldest first");
        group.MapDelete("/{id}", (string id, HttpContext http, AuditTrail audit) =>
            {
                var outcome = callbacks?.Cancel(id) ?? CallbackCancelOutcome.NotFound;
                switch (outcome)
                {
                    case CallbackCancelOutcome.NotFound:
                        return Results.Problem(
                            title: $"No pending callback {id}", statusCode: StatusCodes.Status404NotFound);
                    case CallbackCancelOutcome.Dialling:
                        return Results.Problem(
                            title: $"Callback {id} is being dialled; try again once the attempt ends",
                            statusCode: StatusCodes.Status409Conflict);
                }

                audit.Record(http, "callback.cancelled", $"callback {id}");
                return Results.NoContent();
            })
            .AddEndpointFilter<CsrfFilter>()
            .WithSummary("Cancels a callback: it leaves its queue and is not dialled");
    }
}
