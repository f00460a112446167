using System.Security.Cryptography;
using System.Text;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    private const string Realm = "sparkle.test";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ClientReproducesTheRfc2617ExampleResponse()
    {
        const string challenge = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

        var authorization = DigestClient.CreateAuthorization(
            challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", cnonce: "0a4f113b");

        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", authorization,
            StringComparison.Ordinal);
        Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", authorization, StringComparison.Ordinal);
        Assert.Contains("nc=00000001", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthenticatorAcceptsResponseComputedIndependently()
    {
        var auth = new DigestAuthenticator(Realm, _time);
        var nonce = Parameter(auth.CreateChallenge(), "nonce");
        var ha1 = Md5($"1001:{Realm}:sparkle-1001");
        var ha2 = Md5("REGISTER:sip:127.0.0.1");
        var response = Md5($"{ha1}:{nonce}:00000001:abcdef:auth:{ha2}");
        var request = Register(
            $"Digest username=\"1001\",realm=\"{Realm}\",nonce=\"{nonce}\",uri=\"sip:127.0.0.1\","
            + $"response=\"{response}\",algorithm=MD5,cnonce=\"abcdef\",qop=auth,nc=00000001");

        var result = auth.Verify(request, Passwords);

        Assert.Equal(new DigestVerification(DigestOutcome.Accepted, "1001"), result);
    }

    [Fact]
    public void ChallengeNamesRealmQopAndAlgorithm()
    {
        var auth = new DigestAuthenticator(Realm, _time);

        var challenge = auth.CreateChallenge(stale: true);

        Assert.StartsWith($"Digest realm=\"{Realm}\",nonce=\"", challenge, StringComparison.Ordinal);
        Assert.EndsWith(",qop=\"auth\",algorithm=MD5,stale=true", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCredentialsAreMissing()
    {
        var auth = new DigestAuthenticator(Realm, _time);

        var result = auth.Verify(Register(null), Passwords);

        Assert.Equal(DigestOutcome.Missing, result.Outcome);
    }

    [Fact]
    public void WrongPasswordAndUnknownUserGiveTheSameOutcome()
    {
        var auth = new DigestAuthenticator(Realm, _time);
        var wrongPassword = Register(Answer(auth, "1001", "guess"));
        var unknownUser = Register(Answer(auth, "9999", "guess"));

        var wrong = auth.Verify(wrongPassword, Passwords);
        var unknown = auth.Verify(unknownUser, Passwords);

        Assert.Equal(DigestOutcome.Invalid, wrong.Outcome);
        Assert.Equal(DigestOutcome.Invalid, unknown.Outcome);
    }

    [Fact]
    public void CorrectAnswerOnExpiredNonceIsStaleAndWrongOneInvalid()
    {
        var auth = new DigestAuthenticator(Realm, _time);
        var good = Register(Answer(auth, "1001", "sparkle-1001"));
        var bad = Register(Answer(auth, "1001", "nope"));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(DigestOutcome.Stale, auth.Verify(good, Passwords).Outcome);
        Assert.Equal(DigestOutcome.Invalid, auth.Verify(bad, Passwords).Outcome);
    }

    [Fact]
    public void DigestForAnotherUriIsInvalid()
    {
        var auth = new DigestAuthenticator(Realm, _time);
        var authorization = DigestClient.CreateAuthorization(
            auth.CreateChallenge(), "REGISTER", "sip:elsewhere.example", "1001", "sparkle-1001");

        var result = auth.Verify(Register(authorization), Passwords);

        Assert.Equal(DigestOutcome.Invalid, result.Outcome);
    }

    private static string? Passwords(string user) => user == "1001" ? "sparkle-1001" : null;

    private static string Answer(DigestAuthenticator auth, string user, string password) =>
        DigestClient.CreateAuthorization(auth.CreateChallenge(), "REGISTER", "sip:127.0.0.1", user, password);

    private static SipRequest Register(string? authorization)
    {
        var request = new SipRequest("REGISTER", SipUri.Parse("sip:127.0.0.1"));
        request.Headers.Add("CSeq", "1 REGISTER");
        if (authorization is not null)
        {
            request.Headers.Add("Authorization", authorization);
        }

        return request;
    }

    private static string Parameter(string challenge, string name)
    {
        var start = challenge.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return challenge[start..challenge.IndexOf('"', start)];
    }

    private static string Md5(string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
