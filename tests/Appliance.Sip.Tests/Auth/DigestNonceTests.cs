using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Auth;

public sealed class DigestNonceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void NonceFromAnotherSecretIsStaleEvenWithTheRightPassword()
    {
        var other = new DigestAuthenticator(RegistrarBench.Realm, _time);
        var auth = new DigestAuthenticator(RegistrarBench.Realm, _time);

        var result = auth.Verify(Register(Answer(other, 1, "sparkle-1001")), RegistrarBench.Password);

        Assert.Equal(DigestOutcome.Stale, result.Outcome);
    }

    [Fact]
    public void NonceFromAnotherSecretIsStaleWithAWrongPasswordToo()
    {
        var other = new DigestAuthenticator(RegistrarBench.Realm, _time);
        var auth = new DigestAuthenticator(RegistrarBench.Realm, _time);

        var result = auth.Verify(Register(Answer(other, 1, "guess")), RegistrarBench.Password);

        Assert.Equal(DigestOutcome.Stale, result.Outcome);
    }

    [Fact]
    public void ForgedNonceIsStale()
    {
        var auth = new DigestAuthenticator(RegistrarBench.Realm, _time);
        var authorization = RegistrarBench.Answer(
            "6781a2c0.0011223344556677.00", "1001", "sparkle-1001", 1, "c");

        var result = auth.Verify(Register(authorization), RegistrarBench.Password);

        Assert.Equal(DigestOutcome.Stale, result.Outcome);
    }

    [Fact]
    public void NonceIssuedBeforeARestartIsAcceptedWhenTheSecretIsKept()
    {
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var beforeRestart = new DigestAuthenticator(RegistrarBench.Realm, _time, secret);
        var afterRestart = new DigestAuthenticator(RegistrarBench.Realm, _time, secret);

        var request = Register(Answer(beforeRestart, 1, "sparkle-1001"));

        var result = afterRestart.Verify(request, RegistrarBench.Password);

        Assert.Equal(DigestOutcome.Accepted, result.Outcome);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void SecretShorterThanSixteenBytesIsRefused(int length)
    {
        var secret = new byte[length];

        var create = () => new DigestAuthenticator(RegistrarBench.Realm, _time, secret);

        Assert.Throws<ArgumentException>(create);
    }

    [Fact]
    public void SameAuthorizationTwiceIsStaleTheSecondTime()
    {
        var auth = new DigestAuthenticator(RegistrarBench.Realm, _time);
        var request = Register(Answer(auth, 1, "sparkle-1001"));

        var first = auth.Verify(request, RegistrarBench.Password);
        var second = auth.Verify(request, RegistrarBench.Password);

        Assert.Equal(DigestOutcome.Accepted, first.Outcome);
        Assert.Equal(DigestOutcome.Stale, second.Outcome);
    }

    [Fact]
    public void NonceCountMustGrowOnEachUseOfANonce()
    {
        var auth = new DigestAuthenticator(RegistrarBench.Realm, _time);
        var nonce = RegistrarBench.Nonce(auth.CreateChallenge());

        var outcomes = new[] { 1u, 3u, 2u, 3u, 4u }
            .Select(nc => auth.Verify(
                Register(RegistrarBench.Answer(nonce, "1001", "sparkle-1001", nc, "c" + nc)),
                RegistrarBench.Password).Outcome)
            .ToArray();

        Assert.Equal(
            [DigestOutcome.Accepted, DigestOutcome.Accepted, DigestOutcome.Stale, DigestOutcome.Stale,
                DigestOutcome.Accepted],
            outcomes);
    }

    [Fact]
    public void WrongPasswordDoesNotUseUpTheNonceCount()
    {
        var auth = new DigestAuthenticator(RegistrarBench.Realm, _time);
        var nonce = RegistrarBench.Nonce(auth.CreateChallenge());

        var wrong = auth.Verify(
            Register(RegistrarBench.Answer(nonce, "1001", "guess", 5, "c")), RegistrarBench.Password);
        var right = auth.Verify(
            Register(RegistrarBench.Answer(nonce, "1001", "sparkle-1001", 1, "c")), RegistrarBench.Password);

        Assert.Equal(DigestOutcome.Invalid, wrong.Outcome);
        Assert.Equal(DigestOutcome.Accepted, right.Outcome);
    }

    private static string Answer(DigestAuthenticator issuer, uint nonceCount, string password) =>
        RegistrarBench.Answer(
            RegistrarBench.Nonce(issuer.CreateChallenge()), "1001", password, nonceCount, "abc");

    private static SipRequest Register(string authorization)
    {
        var request = new SipRequest("REGISTER", SipUri.Parse(RegistrarBench.RequestUri));
        request.Headers.Add("CSeq", "1 REGISTER");
        request.Headers.Add("Authorization", authorization);
        return request;
    }
}
