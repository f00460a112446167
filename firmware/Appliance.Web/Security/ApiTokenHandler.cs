using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Appliance.Storage.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// Authenticates CTI integrations by <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1)
/// against the SHA-256 hashes in table <c>ApiToken</c>. Requests with a token need no CSRF
/// token: a browser never adds this header by itself.
/// </summary>
internal sealed class ApiTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "token";

    private readonly WebStore _store;

    public ApiTokenHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        WebStore store)
        : base(options, logger, encoder)
    {
        _store = store;
    }

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = header["Bearer ".Length..].Trim();
        var row = token.Length == 0 ? null : _store.FindTokenByHash(HashOf(token));
        if (row is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API token"));
        }

        var user = new UserRow { Name = "token:" + row.Name, Role = row.Role };
        var ticket = new AuthenticationTicket(AccountService.PrincipalOf(user, SchemeName), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }
}
