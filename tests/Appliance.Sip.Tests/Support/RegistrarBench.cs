using System.Security.Cryptography;
using System.Text;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;

namespace Appliance.Sip.Tests.Support;

/// <summary>
/// A registrar behind a <see cref="LoopbackBench"/>: users whose name starts with "100" have the
/// password "sparkle-&lt;user&gt;", everyone else is unknown. REGISTERs go from the peer socket.
/// </summary>
internal sealed class RegistrarBench : IAsyncDisposable
{
    public const string Realm = "sparkle.test";
    public const string RequestUri = "sip:127.0.0.1";

    private int _cseq;

    public RegistrarBench(
        RegistrarOptions? options = null,
        byte[]? secret = null,
        IReadOnlyList<DigestAlgorithm>? algorithms = null)
    {
        Auth = new DigestAuthenticator(Realm, Bench.Time, secret)
        {
            Algorithms = algorithms ?? [DigestAlgorithm.Md5],
        };
        Registrar = new SipRegistrar(Auth, Password, Bench.Time, Bench.Log.Logger, options);
        Bench.Layer.RequestReceived = transaction => Registrar.HandleAsync(transaction);
        Bench.Layer.Start();
    }

    public LoopbackBench Bench { get; } = new();

    public DigestAuthenticator Auth { get; }

    public SipRegistrar Registrar { get; }

    public static string? Password(string user) =>
        user.StartsWith("100", StringComparison.Ordinal) ? "sparkle-" + user : null;

    /// <summary>Sends one REGISTER for <paramref name="user"/> and returns the final response.</summary>
    public async Task<SipResponse> RegisterAsync(
        string user,
        string? authorization,
        string? toUser = null,
        string expires = "120",
        string? contact = null)
    {
        _cseq++;
        var credentials = authorization is null ? string.Empty : $"Authorization: {authorization}\r\n";
        var extra = $"Expires: {expires}\r\n" + credentials;
        var contactValue = contact ?? $"<sip:{user}@127.0.0.1:5070>";
        var branch = $"z9hG4bKreg{_cseq}";
        var text = SipTexts
            .Request("REGISTER", RequestUri, branch, "reg-1", _cseq, Bench.PeerHost, extraHeaders: extra)
            .Replace("To: <sip:100@127.0.0.1>", $"To: <sip:{toUser ?? user}@127.0.0.1>",
                StringComparison.Ordinal)
            .Replace("Contact: <sip:alice@127.0.0.1:5070>", $"Contact: {contactValue}",
                StringComparison.Ordinal);
        await Bench.SendFromPeerAsync(text);
        return await Bench.ReceiveResponseAtPeerAsync();
    }

    /// <summary>
    /// Gets a challenge, then answers it with the password; returns the final response, or the
    /// first one when it was not a challenge (a ban answers 403 at once).
    /// </summary>
    public async Task<SipResponse> RegisterWithPasswordAsync(
        string user,
        string password,
        string expires = "120",
        string? contact = null)
    {
        var challenge = await RegisterAsync(user, authorization: null, expires: expires, contact: contact);
        if (challenge.StatusCode != 401)
        {
            return challenge;
        }

        return await RegisterAsync(user, Answer(challenge, user, password), expires: expires, contact: contact);
    }

    public static string Answer(SipResponse challenge, string user, string password) =>
        DigestClient.CreateAuthorization(challenge.Headers["WWW-Authenticate"]!, "REGISTER", RequestUri, user,
            password);

    /// <summary>An Authorization on a given nonce with a chosen nonce count (RFC 2617 §3.2.2).</summary>
    public static string Answer(string nonce, string user, string password, uint nonceCount, string cnonce)
    {
        var nc = nonceCount.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var ha1 = Md5($"{user}:{Realm}:{password}");
        var ha2 = Md5($"REGISTER:{RequestUri}");
        var response = Md5($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{user}\",realm=\"{Realm}\",nonce=\"{nonce}\",uri=\"{RequestUri}\","
            + $"response=\"{response}\",algorithm=MD5,cnonce=\"{cnonce}\",qop=auth,nc={nc}";
    }

    public static string Nonce(string challenge)
    {
        var start = challenge.IndexOf("nonce=\"", StringComparison.Ordinal) + 7;
        return challenge[start..challenge.IndexOf('"', start)];
    }

    public async ValueTask DisposeAsync()
    {
        Registrar.Dispose();
        await Bench.DisposeAsync();
    }

    private static string Md5(string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
