using System.Security.Cryptography;
using System.Text;

namespace Appliance.Sip.Auth;

/// <summary>
/// Client side of digest authentication (RFC 2617 §3.2.2), for trunks that challenge us and
/// for tests: answers a WWW-Authenticate or Proxy-Authenticate value. Thread safe.
/// </summary>
public static class DigestClient
{
    /// <summary>
    /// The challenge to answer among several (RFC 8760 §2.4): the first whose algorithm we know,
    /// or null.
    /// </summary>
    public static string? ChooseChallenge(IEnumerable<string> challenges)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        foreach (var challenge in challenges)
        {
            if (DigestParameters.TryParse(challenge, out var parameters)
                && DigestHash.TryRead(parameters.GetValueOrDefault("algorithm"), out _))
            {
                return challenge;
            }
        }

        return null;
    }

    /// <summary>
    /// An Authorization value for the challenge, MD5 or SHA-256 as it asks. With qop=auth offered it uses nc=00000001 and
    /// <paramref name="cnonce"/> (random when null); otherwise the RFC 2069 form.
    /// </summary>
    /// <exception cref="FormatException">Not a Digest challenge with realm and nonce.</exception>
    /// <exception cref="ArgumentException">A value cannot be written inside quotes.</exception>
    public static string CreateAuthorization(
        string challenge,
        string method,
        string uri,
        string user,
        string password,
        string? cnonce = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (!DigestParameters.TryParse(challenge, out var parameters)
            || !parameters.TryGetValue("realm", out var realm)
            || !parameters.TryGetValue("nonce", out var nonce))
        {
            throw new FormatException("The challenge is not a Digest challenge with a realm and a nonce.");
        }

        if (!SipTextChecks.IsQuotable(user)
            || !SipTextChecks.IsQuotable(uri)
            || !SipTextChecks.IsQuotable(realm)
            || !SipTextChecks.IsQuotable(nonce))
        {
            throw new ArgumentException("User, uri, realm and nonce must fit in quotes.", nameof(user));
        }

        if (!DigestHash.TryRead(parameters.GetValueOrDefault("algorithm"), out var algorithm))
        {
            throw new FormatException("The challenge names a digest algorithm other than MD5 and SHA-256.");
        }

        var name = DigestHash.Name(algorithm);
        var offersAuth = parameters.TryGetValue("qop", out var qops)
            && qops.Split(',', StringSplitOptions.TrimEntries)
                .Contains("auth", StringComparer.OrdinalIgnoreCase);
        var builder = new StringBuilder(256);
        builder.Append("Digest username=\"").Append(user).Append("\",realm=\"").Append(realm)
            .Append("\",nonce=\"").Append(nonce).Append("\",uri=\"").Append(uri).Append('"');
        if (offersAuth)
        {
            const string nc = "00000001";
            cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var response = DigestHash.Response(
                algorithm, user, realm, password, method, uri, nonce, nc, cnonce, "auth");
            builder.Append(",response=\"").Append(response).Append("\",algorithm=").Append(name)
                .Append(",cnonce=\"")
                .Append(cnonce).Append("\",qop=auth,nc=").Append(nc);
        }
        else
        {
            var response = DigestHash.Response(
                algorithm, user, realm, password, method, uri, nonce, null, null, null);
            builder.Append(",response=\"").Append(response).Append("\",algorithm=").Append(name);
        }

        if (parameters.TryGetValue("opaque", out var opaque))
        {
            builder.Append(",opaque=\"").Append(opaque).Append('"');
        }

        return builder.ToString();
    }
}
