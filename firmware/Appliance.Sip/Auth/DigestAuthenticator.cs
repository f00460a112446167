using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Auth;

/// <summary>
/// Server side of SIP digest authentication (RFC 3261 §22.4, RFC 2617 §3.2) with qop=auth and
/// the algorithms of <see cref="Algorithms"/>: MD5 alone by default, SHA-256 (RFC 8760) when
/// configured. Nonces are stateless: <c>time.random.mac</c>, the mac an HMAC-SHA256 under a secret,
/// valid for <see cref="NonceLifetime"/>. A nonce whose mac does not verify (issued under another
/// secret, e.g. before a restart, or forged) is answered as stale without looking at the response:
/// nothing about the password can be learnt from it. The highest nonce count accepted on each
/// nonce is kept in memory (bounded), and a count not above it is stale too, so a captured request
/// cannot be replayed. An unknown user is checked against a random password so it costs the same
/// work and gives the same answer as a wrong password. Thread safe.
/// </summary>
public sealed class DigestAuthenticator
{
    /// <summary>Shortest HMAC key accepted from the caller.</summary>
    public const int MinSecretBytes = 16;

    /// <summary>How long a nonce is accepted.</summary>
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan s_allowedSkew = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly byte[] _secret;
    private readonly string _decoyPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly DigestNonceCounts _counts = new(DigestNonceCounts.DefaultCapacity);
    private readonly DigestAlgorithm[] _algorithms = [DigestAlgorithm.Md5];

    /// <param name="realm">The protection realm, usually the appliance's domain.</param>
    /// <param name="time">Clock for nonce ages.</param>
    /// <param name="secret">
    /// HMAC key for nonces, at least <see cref="MinSecretBytes"/> bytes (32 random bytes are
    /// best), copied. Null draws 32 random bytes, so nonces die with the process and every UA is
    /// challenged again (stale) after a restart. A caller that keeps the key secret on disk and
    /// passes it again after a restart keeps issued nonces valid; anyone holding the key can mint
    /// nonces, so store it like a password. Nonce counts are not persisted, so a request captured
    /// in the five minutes before a restart can be accepted once more after it.
    /// </param>
    /// <exception cref="ArgumentException">Bad realm, or a secret shorter than 16 bytes.</exception>
    public DigestAuthenticator(string realm, TimeProvider time, byte[]? secret = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        ArgumentNullException.ThrowIfNull(time);
        if (realm.Contains('"', StringComparison.Ordinal) || SipTextChecks.HasLineBreak(realm))
        {
            throw new ArgumentException("The realm cannot hold quotes or line breaks.", nameof(realm));
        }

        if (secret is { Length: < MinSecretBytes })
        {
            throw new ArgumentException(
                $"The nonce secret must be at least {MinSecretBytes} bytes, got {secret.Length}.",
                nameof(secret));
        }

        Realm = realm;
        _time = time;
        _secret = secret is null ? RandomNumberGenerator.GetBytes(32) : (byte[])secret.Clone();
    }

    public string Realm { get; }

    /// <summary>
    /// The algorithms offered and accepted, most preferred first (RFC 8760 §2.4: one
    /// WWW-Authenticate per algorithm, in this order). At least one. The default is MD5 alone:
    /// clients that read only the first challenge (sipsak 0.9.8, many phones) give up on a
    /// SHA-256 one, and clients that follow RFC 8760 take the first they know, so SHA-256 is only
    /// ever used when it is offered first, i.e. [SHA-256, MD5].
    /// </summary>
    /// <exception cref="ArgumentException">Set to an empty list.</exception>
    public IReadOnlyList<DigestAlgorithm> Algorithms
    {
        get => _algorithms;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new ArgumentException("At least one digest algorithm must be offered.", nameof(value));
            }

            _algorithms = [.. value];
        }
    }

    /// <summary>A WWW-Authenticate value with a fresh nonce for one algorithm.</summary>
    public string CreateChallenge(bool stale = false, DigestAlgorithm algorithm = DigestAlgorithm.Md5) =>
        Challenge(NewNonce(), stale, algorithm);

    /// <summary>
    /// One WWW-Authenticate value per offered algorithm, in <see cref="Algorithms"/> order, all on
    /// one fresh nonce.
    /// </summary>
    public IReadOnlyList<string> CreateChallenges(bool stale = false)
    {
        var nonce = NewNonce();
        return [.. _algorithms.Select(algorithm => Challenge(nonce, stale, algorithm))];
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
            || !DigestHash.TryRead(credentials.GetValueOrDefault("algorithm"), out var algorithm)
            || Array.IndexOf(_algorithms, algorithm) < 0
            || !UriMatches(uri, request.RequestUri)
            || !TryReadNonceCount(nc, out var count))
        {
            return new(DigestOutcome.Invalid, user);
        }

        // A nonce we did not issue under this secret: the response proves nothing either way, so
        // it is not a failed guess; the UA is told to retry on a fresh nonce (RFC 2617 §3.2.1 stale).
        if (!TryReadNonce(nonce, out var issued))
        {
            return new(DigestOutcome.Stale, user);
        }

        // RFC 2617 §3.2.2: the same work whether or not the user exists.
        var password = passwordLookup(user);
        var expected = DigestHash.Response(
            algorithm, user, Realm, password ?? _decoyPassword, request.Method, uri, nonce, nc, cnonce, "auth");
        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(response.ToLowerInvariant()));
        if (!matches || password is null)
        {
            return new(DigestOutcome.Invalid, user);
        }

        var now = _time.GetUtcNow();
        var ends = issued + NonceLifetime;
        if (now > ends)
        {
            return new(DigestOutcome.Stale, user);
        }

        // RFC 7616 §3.4: a nonce count not above the last one on this nonce is a replay. Only
        // verified responses advance the count, so nobody can burn a phone's nonce with guesses.
        if (!_counts.TryAdvance(nonce, count, ends, now))
        {
            return new(DigestOutcome.Stale, user);
        }

        return new(DigestOutcome.Accepted, user);
    }

    private string NewNonce()
    {
        var seconds = _time.GetUtcNow().ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return $"{seconds}.{salt}.{Mac(seconds, salt)}";
    }

    private string Challenge(string nonce, bool stale, DigestAlgorithm algorithm)
    {
        var challenge = $"Digest realm=\"{Realm}\",nonce=\"{nonce}\",qop=\"auth\","
            + $"algorithm={DigestHash.Name(algorithm)}";
        return stale ? challenge + ",stale=true" : challenge;
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

    /// <summary>Reads a nonce of ours: true when its mac verifies and it is not from the future.</summary>
    private bool TryReadNonce(string nonce, out DateTimeOffset issued)
    {
        issued = default;
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

        issued = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return _time.GetUtcNow() - issued >= -s_allowedSkew;
    }

    /// <summary>RFC 2617 §3.2.2: nc is 8 hex digits, counting from 1.</summary>
    private static bool TryReadNonceCount(string text, out uint count) =>
        uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out count)
            && text.Length == 8
            && count > 0;

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
