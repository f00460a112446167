using System.Security.Claims;
using Appliance.Web.Reports;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Api;

/// <summary>Login, logout, who am I, and the CSRF token the pages send with each change.</summary>
internal static class SessionEndpoints
{
    public const string CookieScheme = "cookie";

    public const string LoginRateLimit = "login";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/csrf", (HttpContext http, IAntiforgery antiforgery) =>
            Results.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken }))
            .ExcludeFromDescription();

        app.MapPost("/api/login", LoginAsync)
            .AddEndpointFilter<CsrfFilter>()
            .RequireRateLimiting(LoginRateLimit)
            .ExcludeFromDescription();

        app.MapPost("/api/logout", async (HttpContext http, AccountService accounts) =>
        {
            // Renewing the stamp ends this cookie even if a copy of it is replayed later.
            if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme, Name: { } name })
            {
                accounts.RevokeSessions(name);
            }

            await http.SignOutAsync(CookieScheme).ConfigureAwait(false);
            return Results.NoContent();
        }).AddEndpointFilter<CsrfFilter>().ExcludeFromDescription();

        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity!.Name,
            role = user.FindFirstValue(ClaimTypes.Role),
            agent = user.FindFirstValue(AccountService.AgentClaim),
        })).RequireAuthorization(Roles.AnyUserPolicy).WithTags("Session");
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http,
        LoginRequest form,
        AccountService accounts,
        AuditTrail audit)
    {
        var (result, principal) = accounts.Login(
            form.Name?.Trim() ?? string.Empty,
            form.Password ?? string.Empty,
            http.Connection.RemoteIpAddress);
        switch (result)
        {
            case LoginResult.Accepted:
                await http.SignInAsync(CookieScheme, principal!).ConfigureAwait(false);
                // The usage page counts each user's logins from the audit log.
                audit.Record(http, UsageReports.LoginAction, detail: null, actor: principal!.Identity!.Name);
                return Results.Ok(new
                {
                    name = principal!.Identity!.Name,
                    role = principal.FindFirstValue(ClaimTypes.Role),
                });
            case LoginResult.LockedOut:
                return Results.Problem(
                    title: "Account locked",
                    detail: "Too many wrong passwords: try again in "
                        + $"{AccountService.LockoutDuration.TotalMinutes} minutes.",
                    statusCode: StatusCodes.Status423Locked);
            case LoginResult.LoopbackOnly:
                return Results.Problem(
                    title: "Demo login refused",
                    detail: "Demo accounts log in from the box itself only; set up real users first.",
                    statusCode: StatusCodes.Status403Forbidden);
            default:
                return Results.Problem(
                    title: "Wrong name or password",
                    statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}
