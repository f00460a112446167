using System.Security.Cryptography;
using System.Text;

namespace Appliance.Sip.Auth;

/// <summary>
/// The digest computation of RFC 2617 §3.2.2.1-§3.2.2.3 and RFC 7616 §3.4.1 with qop=auth, for
/// MD5 and SHA-256 (RFC 8760); the hex digests are lower case.
/// </summary>
internal static class DigestHash
{
    public static string Response(
        DigestAlgorithm algorithm,
        string user,
        string realm,
        string password,
        string method,
        string uri,
        string nonce,
        string? nc,
        string? cnonce,
        string? qop)
    {
        var ha1 = Hex(algorithm, $"{user}:{realm}:{password}");
        var ha2 = Hex(algorithm, $"{method}:{uri}");
        return qop is null
            ? Hex(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hex(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    /// <summary>The token for the algorithm parameter (RFC 7616 §3.3).</summary>
    public static string Name(DigestAlgorithm algorithm) =>
        algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    /// <summary>Reads an algorithm token; an absent parameter means MD5 (RFC 2617 §3.2.1).</summary>
    public static bool TryRead(string? token, out DigestAlgorithm algorithm)
    {
        algorithm = DigestAlgorithm.Md5;
        if (token is null || string.Equals(token, "MD5", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        algorithm = DigestAlgorithm.Sha256;
        return string.Equals(token, "SHA-256", StringComparison.OrdinalIgnoreCase);
    }

    public static string Md5Hex(string text) => Hex(DigestAlgorithm.Md5, text);

    private static string Hex(DigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(
            algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }
}
