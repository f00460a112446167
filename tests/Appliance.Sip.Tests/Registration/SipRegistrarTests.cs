using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Serilog.Events;

namespace Appliance.Sip.Tests.Registration;

[Trait("Category", "Integration")]
public sealed class SipRegistrarTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly LoopbackBench _bench = new();
    private readonly SipRegistrar _registrar;
    private int _cseq;

    public SipRegistrarTests()
    {
        var auth = new DigestAuthenticator("sparkle.test", _bench.Time);
        _registrar = new SipRegistrar(
            auth,
            user => user.StartsWith("100", StringComparison.Ordinal) ? "sparkle-" + user : null,
            _bench.Time,
            _bench.Log.Logger);
    }

    public Task InitializeAsync()
    {
        _bench.Layer.RequestReceived = transaction => _registrar.HandleAsync(transaction);
        _bench.Layer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _registrar.Dispose();
        await _bench.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    [Fact]
    public async Task RegisterIsChallengedThenAcceptedWithCorrectDigest()
    {
        var added = new List<SipBinding>();
        _registrar.BindingAdded += added.Add;

        var challenge = await RegisterAsync("1001", authorization: null);
        var ok = await RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"));

        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("<sip:1001@127.0.0.1:5070>;expires=120", Assert.Single(ok.Headers.GetAll("Contact")));
        var binding = Assert.Single(_registrar.Lookup("1001"));
        Assert.Equal("sip:1001@127.0.0.1:5070", binding.Contact.ToString());
        Assert.Equal(_bench.PeerEndPoint, binding.Source);
        Assert.Equal(_bench.Time.GetUtcNow().AddSeconds(120), binding.Expires);
        Assert.Equal(binding, Assert.Single(added));
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetIdenticalAnswers()
    {
        var challenge = await RegisterAsync("1001", authorization: null);

        var wrong = await RegisterAsync("1001", Answer(challenge, "1001", "guess"));
        var unknown = await RegisterAsync("2002", Answer(challenge, "2002", "guess"), toUser: "2002");

        Assert.Equal(401, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.ReasonPhrase, unknown.ReasonPhrase);
        Assert.Equal(wrong.Headers.Select(h => h.Key), unknown.Headers.Select(h => h.Key));
        Assert.Equal(2, _bench.Log.At(LogEventLevel.Warning).Count(e => e.Properties.ContainsKey("User")));
    }

    [Fact]
    public async Task AuthenticatedUserCannotRegisterAnotherUsersAddress()
    {
        var challenge = await RegisterAsync("1002", authorization: null);

        var response = await RegisterAsync("1002", Answer(challenge, "1001", "sparkle-1001"));

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_registrar.Lookup("1002"));
    }

    [Fact]
    public async Task TooShortExpiryIsRefusedWith423AndMinExpires()
    {
        var challenge = await RegisterAsync("1001", authorization: null);

        var response = await RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"), expires: "10");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers["Min-Expires"]);
    }

    [Fact]
    public async Task ExpirySweepRemovesTheBindingAndRaisesBindingRemoved()
    {
        var removed = new TaskCompletionSource<SipBinding>(TaskCreationOptions.RunContinuationsAsynchronously);
        _registrar.BindingRemoved += binding => removed.TrySetResult(binding);
        var challenge = await RegisterAsync("1001", authorization: null);
        await RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"));

        _bench.Time.Advance(TimeSpan.FromSeconds(119));
        var early = removed.Task.IsCompleted;
        _bench.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(early);
        Assert.Equal("1001", (await removed.Task.WaitAsync(TimeSpan.FromSeconds(5))).User);
        Assert.Empty(_registrar.Lookup("1001"));
    }

    [Fact]
    public async Task UnregisterWithExpiresZeroRemovesAllBindings()
    {
        var removed = new List<SipBinding>();
        _registrar.BindingRemoved += removed.Add;
        var challenge = await RegisterAsync("1001", authorization: null);
        await RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"));

        var fresh = await RegisterAsync("1001", authorization: null);
        var ok = await RegisterAsync("1001", Answer(fresh, "1001", "sparkle-1001"), expires: "0",
            contact: "*");

        Assert.Equal(200, ok.StatusCode);
        Assert.Empty(ok.Headers.GetAll("Contact"));
        Assert.Empty(_registrar.Lookup("1001"));
        Assert.Single(removed);
    }

    private async Task<SipResponse> RegisterAsync(
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
            .Request("REGISTER", "sip:127.0.0.1", branch, "reg-1", _cseq, _bench.PeerHost, extraHeaders: extra)
            .Replace("To: <sip:100@127.0.0.1>", $"To: <sip:{toUser ?? user}@127.0.0.1>", StringComparison.Ordinal)
            .Replace("Contact: <sip:alice@127.0.0.1:5070>", $"Contact: {contactValue}", StringComparison.Ordinal);
        await _bench.SendFromPeerAsync(text);
        return await _bench.ReceiveResponseAtPeerAsync();
    }

    private static string Answer(SipResponse challenge, string user, string password) =>
        DigestClient.CreateAuthorization(
            challenge.Headers["WWW-Authenticate"]!, "REGISTER", "sip:127.0.0.1", user, password);
}
