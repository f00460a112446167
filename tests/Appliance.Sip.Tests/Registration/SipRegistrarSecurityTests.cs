using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Serilog.Events;

namespace Appliance.Sip.Tests.Registration;

[Trait("Category", "Integration")]
public sealed class SipRegistrarSecurityTests : IAsyncDisposable
{
    private readonly RegistrarBench _bench = new();

    [Fact]
    public async Task TenFailuresForOneUserBanThatUserFromTheAddressButNotOtherUsers()
    {
        var challenge = await _bench.RegisterAsync("1001", authorization: null);
        for (var i = 0; i < 10; i++)
        {
            await _bench.RegisterAsync("1001", RegistrarBench.Answer(challenge, "1001", "guess"));
        }

        var banned = await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001");
        var neighbour = await _bench.RegisterWithPasswordAsync("1002", "sparkle-1002");

        Assert.Equal(403, banned.StatusCode);
        Assert.Equal(200, neighbour.StatusCode);
        Assert.Single(_bench.Registrar.Lookup("1002"));
        Assert.Empty(_bench.Registrar.Lookup("1001"));
    }

    [Fact]
    public async Task BanIsLoggedOnceWithTheAddressWithoutPortAndTheUser()
    {
        var challenge = await _bench.RegisterAsync("1001", authorization: null);
        for (var i = 0; i < 12; i++)
        {
            await _bench.RegisterAsync("1001", RegistrarBench.Answer(challenge, "1001", "guess"));
        }

        var ban = Assert.Single(_bench.Bench.Log.At(LogEventLevel.Warning),
            e => e.MessageTemplate.Text.Contains("banned", StringComparison.Ordinal));
        Assert.Equal("\"127.0.0.1\"", ban.Properties["RemoteAddress"].ToString());
        Assert.Equal("\"1001\"", ban.Properties["User"].ToString());
        Assert.False(ban.Properties.ContainsKey("RemoteEndPoint"));
    }

    [Fact]
    public async Task UserBanEndsAfterFiveMinutes()
    {
        var challenge = await _bench.RegisterAsync("1001", authorization: null);
        for (var i = 0; i < 10; i++)
        {
            await _bench.RegisterAsync("1001", RegistrarBench.Answer(challenge, "1001", "guess"));
        }

        var banned = await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001");
        _bench.Bench.Time.Advance(TimeSpan.FromMinutes(5));
        var afterBan = await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001");

        Assert.Equal(403, banned.StatusCode);
        Assert.Equal(200, afterBan.StatusCode);
    }

    [Fact]
    public async Task NonceFromBeforeARestartIsAnsweredStaleAndNotCountedAsFailure()
    {
        var beforeRestart = new DigestAuthenticator(RegistrarBench.Realm, _bench.Bench.Time);
        var oldChallenge = new SipResponse(401, "Unauthorized");
        oldChallenge.Headers.Add("WWW-Authenticate", beforeRestart.CreateChallenge());
        var responses = new List<SipResponse>();

        for (var i = 0; i < 12; i++)
        {
            responses.Add(await _bench.RegisterAsync(
                "1001", RegistrarBench.Answer(oldChallenge, "1001", "sparkle-1001")));
        }

        var ok = await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001");

        Assert.All(responses, r => Assert.Equal(401, r.StatusCode));
        Assert.All(responses, r => Assert.EndsWith(",stale=true", r.Headers["WWW-Authenticate"],
            StringComparison.Ordinal));
        Assert.Equal(200, ok.StatusCode);
        Assert.Empty(_bench.Bench.Log.At(LogEventLevel.Warning));
    }

    [Fact]
    public async Task ReplayedAuthorizationIsAnsweredStaleAndNotCountedAsFailure()
    {
        var challenge = await _bench.RegisterAsync("1001", authorization: null);
        var authorization = RegistrarBench.Answer(challenge, "1001", "sparkle-1001");
        var first = await _bench.RegisterAsync("1001", authorization);

        var replay = await _bench.RegisterAsync("1001", authorization, expires: "0");

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(401, replay.StatusCode);
        Assert.EndsWith(",stale=true", replay.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        Assert.Single(_bench.Registrar.Lookup("1001"));
        Assert.Empty(_bench.Bench.Log.At(LogEventLevel.Warning));
    }

    [Fact]
    public async Task HigherNonceCountOnTheSameNonceIsAccepted()
    {
        var challenge = await _bench.RegisterAsync("1001", authorization: null);
        var nonce = RegistrarBench.Nonce(challenge.Headers["WWW-Authenticate"]!);

        var first = await _bench.RegisterAsync("1001", Answer(nonce, 1, "c1"));
        var second = await _bench.RegisterAsync("1001", Answer(nonce, 2, "c1"));
        var lower = await _bench.RegisterAsync("1001", Answer(nonce, 1, "c2"));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(401, lower.StatusCode);
    }

    [Theory]
    [InlineData("1099511627776")]
    [InlineData("4294967296")]
    [InlineData("99999999999999999999999999")]
    public async Task ExpiresTooLargeIsTreatedAsTheMaximum(string expires)
    {
        var ok = await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001", expires: expires);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("<sip:1001@127.0.0.1:5070>;expires=3600", Assert.Single(ok.Headers.GetAll("Contact")));
    }

    [Fact]
    public async Task ContactExpiresParameterTooLargeIsTreatedAsTheMaximum()
    {
        var ok = await _bench.RegisterWithPasswordAsync(
            "1001", "sparkle-1001", contact: "<sip:1001@127.0.0.1:5070>;expires=1099511627776");

        Assert.Equal(200, ok.StatusCode);
        var binding = Assert.Single(_bench.Registrar.Lookup("1001"));
        Assert.Equal(_bench.Bench.Time.GetUtcNow().AddSeconds(3600), binding.Expires);
    }

    public ValueTask DisposeAsync() => _bench.DisposeAsync();

    private static string Answer(string nonce, uint nonceCount, string cnonce) =>
        RegistrarBench.Answer(nonce, "1001", "sparkle-1001", nonceCount, cnonce);
}
