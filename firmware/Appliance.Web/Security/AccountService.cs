using System.Globalization;
using System.Net;
using System.Security.Claims;
using Appliance.Storage.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Serilog;

namespace Appliance.Web.Security;

/// <summary>
/// Users' passwords and logins: hashes with ASP.NET Core Identity's <see cref="PasswordHasher{T}"/>
/// (PBKDF2, salted, upgraded on login when its format moves on), counts wrong passwords and
/// locks the account out for <see cref="LockoutDuration"/> after <see cref="MaxFailedLogins"/>.
/// </summary>
/// <remarks>Thread-safe; the counters live in the database so a restart does not reset them.</remarks>
public sealed class AccountService
{
    public const int MaxFailedLogins = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    /// <summary>The shortest admin or user password the pages accept.</summary>
    public const int MinPasswordLength = 10;

    private readonly WebStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly PasswordHasher<UserRow> _hasher = new();
    private readonly Lock _lock = new();

    public AccountService(WebStore store, TimeProvider time, ILogger log)
    {
        _store = store;
        _time = time;
        _log = log.ForContext<AccountService>();
    }

    public string Hash(UserRow user, string password) => _hasher.HashPassword(user, password);

    /// <summary>Checks a login; on success returns the user's claims principal.</summary>
    public (LoginResult Result, ClaimsPrincipal? Principal) Login(string name, string password, IPAddress? source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);

        lock (_lock)
        {
            var user = _store.FindUser(name);
            var now = _time.GetUtcNow();
            if (user is null)
            {
                // Hash anyway so the time taken does not tell which names exist.
                _hasher.HashPassword(new UserRow(), password);
                _log.Warning("Web login refused for unknown user {User} from {RemoteAddress}", name, source);
                return (LoginResult.Refused, null);
            }

            if (LockedUntil(user) is { } until && until > now)
            {
                _log.Warning("Web login refused for locked-out user {User} from {RemoteAddress}", name, source);
                return (LoginResult.LockedOut, null);
            }

            var verdict = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            if (verdict == PasswordVerificationResult.Failed)
            {
                user.FailedLogins++;
                if (user.FailedLogins >= MaxFailedLogins)
                {
                    user.LockedUntilUtc = (now + LockoutDuration).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                    user.FailedLogins = 0;
                    _log.Warning(
                        "Web user {User} locked out for {Lockout} after {MaxFailedLogins} wrong passwords "
                        + "from {RemoteAddress}",
                        name, LockoutDuration, MaxFailedLogins, source);
                }
                else
                {
                    _log.Warning("Web login refused for user {User} from {RemoteAddress}: wrong password", name, source);
                }

                _store.SaveUser(user);
                return (LoginResult.Refused, null);
            }

            if (user.LoopbackOnly && (source is null || !IPAddress.IsLoopback(source)))
            {
                _log.Warning(
                    "Demo user {User} refused from {RemoteAddress}: demo logins work on the box only",
                    name,
                    source);
                return (LoginResult.LoopbackOnly, null);
            }

            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user.PasswordHash = _hasher.HashPassword(user, password);
            }

            user.FailedLogins = 0;
            user.LockedUntilUtc = null;
            // A user saved before stamps existed gets one at its first login.
            user.SecurityStamp ??= NewStamp();
            _store.SaveUser(user);
            _log.Information("Web user {User} logged in from {RemoteAddress}", name, source);
            return (LoginResult.Accepted, PrincipalOf(user, "cookie"));
        }
    }

    public static ClaimsPrincipal PrincipalOf(UserRow user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
        };
        if (user.AgentId is not null)
        {
            claims.Add(new Claim(AgentClaim, user.AgentId));
        }

        if (user.SecurityStamp is not null)
        {
            claims.Add(new Claim(StampClaim, user.SecurityStamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The claim that names the agent a user works as.</summary>
    public const string AgentClaim = "sparklecc:agent";

    /// <summary>The claim that carries the user's security stamp at login.</summary>
    public const string StampClaim = "sparklecc:stamp";

    /// <summary>A fresh security stamp: 128 random bits.</summary>
    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Ends every session of <paramref name="name"/> issued so far (logout, role or password
    /// change): their cookies carry the old stamp.
    /// </summary>
    public void RevokeSessions(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _store.RenewSecurityStamp(name, NewStamp());
    }

    /// <summary>
    /// The cookie handler's check on every request: a session stands only while its user
    /// exists with the role and security stamp the cookie was issued with.
    /// </summary>
    public async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var user = name is null ? null : _store.FindUser(name);
        var stamp = principal?.FindFirstValue(StampClaim);
        if (user is not null
            && stamp is not null
            && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal)
            && string.Equals(user.Role, principal!.FindFirstValue(ClaimTypes.Role), StringComparison.Ordinal))
        {
            return;
        }

        _log.Information("Web session of {User} refused: logged out, changed or removed", name);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
    }

    private static DateTimeOffset? LockedUntil(UserRow user) =>
        user.LockedUntilUtc is null
            ? null
            : DateTimeOffset.Parse(user.LockedUntilUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
