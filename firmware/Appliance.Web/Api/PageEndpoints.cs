using System.Security.Claims;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>
/// The pages: plain HTML from <c>wwwroot/pages</c> beside the program, each behind the policy
/// of its role, so an agent never even loads the admin page's script.
/// </summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app, string pages)
    {
        Page(app, pages, "/login", "login.html", policy: null);
        Page(app, pages, "/setup", "setup.html", policy: null);
        Page(app, pages, "/agent", "agent.html", Roles.AnyUserPolicy);
        Page(app, pages, "/wallboard", "wallboard.html", Roles.SupervisorPolicy);
        Page(app, pages, "/reports", "reports.html", Roles.SupervisorPolicy);
        Page(app, pages, "/usage", "usage.html", Roles.SupervisorPolicy);
        Page(app, pages, "/forecast", "forecast.html", Roles.SupervisorPolicy);
        Page(app, pages, "/recordings", "recordings.html", Roles.SupervisorPolicy);
        Page(app, pages, "/customers", "customers.html", Roles.SupervisorPolicy);
        Page(app, pages, "/sms", "sms.html", Roles.SupervisorPolicy);
        Page(app, pages, "/callbacks", "callbacks.html", Roles.SupervisorPolicy);
        Page(app, pages, "/admin", "admin.html", Roles.AdminPolicy);
        Page(app, pages, "/routing", "routing.html", Roles.AdminPolicy);
        Page(app, pages, "/flows", "flows.html", Roles.AdminPolicy);
        Page(app, pages, "/hours", "hours.html", Roles.AdminPolicy);
        Page(app, pages, "/recording-policy", "recording-policy.html", Roles.AdminPolicy);
        Page(app, pages, "/dispositions", "dispositions.html", Roles.AdminPolicy);
        Page(app, pages, "/certificate", "certificate.html", Roles.AdminPolicy);
        Page(app, pages, "/pstn", "pstn.html", Roles.AdminPolicy);
        Page(app, pages, "/prompts", "prompts.html", Roles.AdminPolicy);
        Page(app, pages, "/panel", "panel.html", Roles.AdminPolicy);
        Page(app, pages, "/network", "network.html", Roles.AdminPolicy);
        Page(app, pages, "/firmware", "firmware.html", Roles.AdminPolicy);
        Page(app, pages, "/api-docs", "api-docs.html", Roles.AnyUserPolicy);

        app.MapGet("/", (ClaimsPrincipal user) => Results.Redirect(
            user.IsInRole(Roles.Admin) ? "/admin"
            : user.IsInRole(Roles.Supervisor) ? "/wallboard"
            : "/agent"))
            .RequireAuthorization(Roles.AnyUserPolicy)
            .ExcludeFromDescription();
    }

    private static void Page(IEndpointRouteBuilder app, string pages, string route, string file, string? policy)
    {
        var path = Path.Combine(pages, file);
        var endpoint = app.MapGet(route, () => Results.File(path, "text/html; charset=utf-8")).ExcludeFromDescription();
        if (policy is not null)
        {
            endpoint.RequireAuthorization(policy);
        }
    }
}
