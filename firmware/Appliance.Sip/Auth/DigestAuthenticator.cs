using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Auth;

/// <summary>
/// Server side of SIP digest authentication (RFC 3261 §22.4, RFC 2617 §3.2) with MD5 and
/// qop=auth. Nonces are stateless: <c>time.random.mac</c>, the mac an HMAC-SHA256 under a secret
/// held in memory, valid for <see cref="NonceLifetime"/>. An unknown user is checked against a
/// random password so it costs the same work and gives the same answer as a wrong password.
/// Nonce counts are not tracked, so a captured request can be replayed while its nonce lives.
/// Thread safe.
/// </summary>
public sealed class DigestAuthenticator
{
    /// <summary>How long a nonce is accepted.</summary>
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan s_allowedSkew = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly byte[] _secret;
    private readonly string _decoyPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <param name="realm">The protection realm, usually the appliance's domain.</param>
    /// <param name="time">Clock for nonce ages.</param>
    /// <param name="secret">HMAC key; null draws 32 random bytes, so nonces die with the process.</param>
    public DigestAuthenticator(string realm, TimeProvider time, byte[]? secret = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(time);
        if (realm.Contains('"', StringComparison.Ordinal) || SipTextChecks.HasLineBreak(realm))
        {
            throw new ArgumentException("The realm cannot hold quotes or line breaks.", nameof(realm));
        }

        Realm = realm;
        _time = time;
        _secret = secret is { Length: > 0 } ? (byte[])secret.Clone() : RandomNumberGenerator.GetBytes(32);
    }

    public string Realm { get; }

    /// <summary>A WWW-Authenticate value with a fresh nonce.</summary>
    public string CreateChallenge(bool stale = false)
    {
        var seconds = _time.GetUtcNow().ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var nonce = $"{seconds}.{salt}.{Mac(seconds, salt)}";
        var challenge = $"Digest realm=\"{Realm}\",nonce=\"{nonce}\",qop=\"auth\",algorithm=MD5";
        return stale ? challenge + ",stale=true" : challenge;
    }

    /// <summary>Checks the Authorization header of a request against our realm.</summary>
    /// <param name="request">The request; its method and Request-URI enter the digest.</param>
    /// <param name="passwordLookup">The password of a user name, or null for an unknown user.</param>
    public DigestVerification Verify(SipRequest request, Func<string, string?> passwordLookup)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(passwordLookup);
        var credentials = FindCredentials(request);
        if (credentials is null)
        {
            return new(DigestOutcome.Missing, null);
        }

        credentials.TryGetValue("username", out var user);
        if (string.IsNullOrEmpty(user)
            || !credentials.TryGetValue("nonce", out var nonce)
            || !credentials.TryGetValue("uri", out var uri)
            || !credentials.TryGetValue("response", out var response)
            || !credentials.TryGetValue("nc", out var nc)
            || !credentials.TryGetValue("cnonce", out var cnonce)
            || !Is(credentials.GetValueOrDefault("qop"), "auth")
            || !Is(credentials.GetValueOrDefault("algorithm", "MD5"), "MD5")
            || !UriMatches(uri, request.RequestUri)
            || !TryReadNonce(nonce, out var expired))
        {
            return new(DigestOutcome.Invalid, user);
        }

        // RFC 2617 §3.2.2: the same work whether or not the user exists.
        var password = passwordLookup(user);
        var expected = DigestHash.Response(
            user, Realm, password ?? _decoyPassword, request.Method, uri, nonce, nc, cnonce, "auth");
        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(response.ToLowerInvariant()));
        if (!matches || password is null)
        {
            return new(DigestOutcome.Invalid, user);
        }

        return new(expired ? DigestOutcome.Stale : DigestOutcome.Accepted, user);
    }

    private Dictionary<string, string>? FindCredentials(SipRequest request)
    {
        foreach (var header in request.Headers.GetAll("Authorization"))
        {
            if (DigestParameters.TryParse(header, out var parameters)
                && string.Equals(parameters.GetValueOrDefault("realm"), Realm, StringComparison.Ordinal))
            {
                return parameters;
            }
        }

        return null;
    }

    private bool TryReadNonce(string nonce, out bool expired)
    {
        expired = false;
        var parts = nonce.Split('.');
        if (parts.Length != 3
            || !long.TryParse(
                parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var mac = Encoding.ASCII.GetBytes(Mac(parts[0], parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(mac, Encoding.ASCII.GetBytes(parts[2])))
        {
            return false;
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        var age = _time.GetUtcNow() - issued;
        if (age < -s_allowedSkew)
        {
            return false;
        }

        expired = age > NonceLifetime;
        return true;
    }

    private string Mac(string seconds, string salt)
    {
        var data = Encoding.UTF8.GetBytes($"{seconds}.{salt}.{Realm}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, data).AsSpan(0, 16));
    }

    private static bool Is(string? value, string expected) =>
        string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static bool UriMatches(string digestUri, SipUri requestUri) =>
        SipUri.TryParse(digestUri, out var parsed)
            && string.Equals(parsed.ToString(), requestUri.ToString(), StringComparison.OrdinalIgnoreCase);
}
