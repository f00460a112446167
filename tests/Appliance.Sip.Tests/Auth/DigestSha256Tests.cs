using System.Security.Cryptography;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Auth;

public sealed class DigestSha256Tests
{
    private const string Realm = "sparkle.test";
    private static readonly DigestAlgorithm[] s_both = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void HashReproducesTheRfc7616ExampleResponses(DigestAlgorithm algorithm, string expected)
    {
        var response = DigestHash.Response(
            algorithm,
            "Mufasa",
            "http-auth@example.org",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            "00000001",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            "auth");

        Assert.Equal(expected, response);
    }

    [Fact]
    public void DefaultChallengeIsMd5AloneSoFirstChallengeReadersCanAnswerIt()
    {
        var auth = new DigestAuthenticator(Realm, _time);

        var challenges = auth.CreateChallenges();

        Assert.EndsWith(",algorithm=MD5", Assert.Single(challenges), StringComparison.Ordinal);
    }

    [Fact]
    public void ChallengesOfferSha256FirstThenMd5OnOneNonce()
    {
        var auth = new DigestAuthenticator(Realm, _time) { Algorithms = s_both };

        var challenges = auth.CreateChallenges();

        Assert.Equal(2, challenges.Count);
        Assert.EndsWith("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.EndsWith("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.Equal(RegistrarBench.Nonce(challenges[0]), RegistrarBench.Nonce(challenges[1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AnswerToEitherChallengeIsAccepted(int which)
    {
        var auth = new DigestAuthenticator(Realm, _time) { Algorithms = s_both };
        var challenge = auth.CreateChallenges()[which];
        var authorization = DigestClient.CreateAuthorization(
            challenge, "REGISTER", "sip:127.0.0.1", "1001", "sparkle-1001");

        var result = auth.Verify(Register(authorization), Passwords);

        Assert.Equal(DigestOutcome.Accepted, result.Outcome);
        var named = which == 0 ? "algorithm=SHA-256" : "algorithm=MD5";
        Assert.Contains(named, authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256AnswerIsRefusedWhereOnlyMd5IsOffered()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var offering = new DigestAuthenticator(Realm, _time, secret) { Algorithms = s_both };
        var md5Only = new DigestAuthenticator(Realm, _time, secret)
        {
            Algorithms = [DigestAlgorithm.Md5],
        };
        var authorization = DigestClient.CreateAuthorization(
            offering.CreateChallenges()[0], "REGISTER", "sip:127.0.0.1", "1001", "sparkle-1001");

        var result = md5Only.Verify(Register(authorization), Passwords);

        Assert.Equal(DigestOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public void Sha256AnswerOnAnExpiredNonceIsStale()
    {
        var auth = new DigestAuthenticator(Realm, _time) { Algorithms = s_both };
        var authorization = DigestClient.CreateAuthorization(
            auth.CreateChallenges()[0], "REGISTER", "sip:127.0.0.1", "1001", "sparkle-1001");
        _time.Advance(DigestAuthenticator.NonceLifetime + TimeSpan.FromSeconds(1));

        var result = auth.Verify(Register(authorization), Passwords);

        Assert.Equal(DigestOutcome.Stale, result.Outcome);
    }

    [Fact]
    public void ClientChoosesTheFirstChallengeWithAnAlgorithmItKnows()
    {
        string[] challenges =
        [
            "Digest realm=\"r\",nonce=\"n1\",algorithm=SHA-512-256",
            "Digest realm=\"r\",nonce=\"n2\",algorithm=SHA-256",
            "Digest realm=\"r\",nonce=\"n3\",algorithm=MD5",
        ];

        var chosen = DigestClient.ChooseChallenge(challenges);

        Assert.Equal(challenges[1], chosen);
    }

    [Fact]
    public async Task RegistrarChallengeCarriesBothAlgorithmsAndAcceptsSha256()
    {
        await using var bench = new RegistrarBench(algorithms: s_both);

        var challenge = await bench.RegisterAsync("1001", authorization: null);
        var offered = challenge.Headers.GetAll("WWW-Authenticate");
        var ok = await bench.RegisterAsync("1001", RegistrarBench.Answer(challenge, "1001", "sparkle-1001"));

        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(2, offered.Count);
        Assert.Contains("algorithm=SHA-256", offered[0], StringComparison.Ordinal);
        Assert.Equal(200, ok.StatusCode);
    }

    private static string? Passwords(string user) => user == "1001" ? "sparkle-1001" : null;

    private static SipRequest Register(string authorization)
    {
        var request = new SipRequest("REGISTER", SipUri.Parse("sip:127.0.0.1"));
        request.Headers.Add("Authorization", authorization);
        return request;
    }
}
