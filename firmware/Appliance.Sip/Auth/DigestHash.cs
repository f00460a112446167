using System.Security.Cryptography;
using System.Text;

namespace Appliance.Sip.Auth;

/// <summary>The MD5 digest computation of RFC 2617 §3.2.2.1-§3.2.2.3 with qop=auth.</summary>
internal static class DigestHash
{
    public static string Response(
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
        var ha1 = Md5Hex($"{user}:{realm}:{password}");
        var ha2 = Md5Hex($"{method}:{uri}");
        return qop is null
            ? Md5Hex($"{ha1}:{nonce}:{ha2}")
            : Md5Hex($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    public static string Md5Hex(string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
