using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Panel;

/// <summary>
/// The front panel over HTTP: <c>GET /api/panel</c> gives its lines and LEDs, <c>POST
/// /api/panel/buttons/{button}?long=</c> presses one of up, down, enter, back. Admins only,
/// since the panel's menu changes the box. 404 when the box has no panel registered.
/// </summary>
internal static class PanelEndpoints
{
    private static readonly HashSet<string> s_buttons = new(StringComparer.Ordinal) { "up", "down", "enter", "back" };

    public static void Map(IEndpointRouteBuilder app, IFrontPanelView? panel)
    {
        var group = app.MapGroup("/api/panel").RequireAuthorization(Roles.AdminPolicy).WithTags("Panel");

        group.MapGet("", () => panel is null
            ? NoPanel()
            : Results.Ok(new { lines = panel.Lines, leds = panel.Leds }))
            .WithSummary("The front panel's display lines and LEDs");

        group.MapPost("/buttons/{button}", (string button, bool? @long) =>
        {
            if (panel is null)
            {
                return NoPanel();
            }

            if (!s_buttons.Contains(button) || !panel.Press(button, @long ?? false))
            {
                return Results.Problem(
                    title: $"The panel has no button '{button}'",
                    detail: "Buttons are up, down, enter and back.",
                    statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Ok(new { lines = panel.Lines, leds = panel.Leds });
        }).AddEndpointFilter<CsrfFilter>().WithSummary("Presses a front panel button (long=true to hold it)");
    }

    private static IResult NoPanel() => Results.Problem(
        title: "No front panel",
        detail: "This box runs without a front panel (no board profile with a display is active).",
        statusCode: StatusCodes.Status404NotFound);
}
