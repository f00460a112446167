using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Appliance.Web.Security;

/// <summary>
/// Refuses a state-changing request made with the session cookie unless it carries the
/// antiforgery token (header <c>X-CSRF-TOKEN</c> or form field), so another site cannot make a
/// logged-in browser change the box. Requests authenticated by API token are exempt.
/// </summary>
internal sealed class CsrfFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType != ApiTokenHandler.SchemeName)
        {
            var antiforgery = http.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery;
            if (antiforgery is null || !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                return Results.Problem(
                    title: "CSRF token missing or invalid",
                    detail: "Reload the page and try again; the request did not carry this session's token.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(context).ConfigureAwait(false);
    }
}
