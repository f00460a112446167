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

        group.MapPost("/buttons/{button}", (HttpContext http, string button, string? @long, AuditTrail audit) =>
        {
            if (panel is null)
            {
                return NoPanel();
            }

            if (!TryReadLong(@long, out var held))
            {
                return Results.Problem(
                    title: "long: must be true or false",
                    detail: $"'{@long}' is not true or false.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (!s_buttons.Contains(button) || !panel.Press(button, held))
            {
                return Results.Problem(
                    title: $"The panel has no button '{button}'",
                    detail: "Buttons are up, down, enter and back.",
                    statusCode: StatusCodes.Status404NotFound);
            }

            // The panel's menu restarts, reboots and resets the box: who pressed what is kept.
            audit.Record(http, "panel.pressed", held ? $"{button} (long)" : button);
            return Results.Ok(new { lines = panel.Lines, leds = panel.Leds });
        }).AddEndpointFilter<CsrfFilter>().WithSummary("Presses a front panel button (long=true to hold it)");
    }

    private static bool TryReadLong(string? text, out bool held)
    {
        held = false;
        return text is null || bool.TryParse(text, out held);
    }

    private static IResult NoPanel() => Results.Problem(
        title: "No front panel",
        detail: "This box runs without a front panel (no board profile with a display is active).",
        statusCode: StatusCodes.Status404NotFound);
}
