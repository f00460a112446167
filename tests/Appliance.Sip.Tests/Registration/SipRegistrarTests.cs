using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Serilog.Events;
using static Appliance.Sip.Tests.Support.RegistrarBench;

namespace Appliance.Sip.Tests.Registration;

[Trait("Category", "Integration")]
public sealed class SipRegistrarTests : IAsyncDisposable
{
    private readonly RegistrarBench _server = new();

    private LoopbackBench Bench => _server.Bench;

    private SipRegistrar Registrar => _server.Registrar;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task RegisterIsChallengedThenAcceptedWithCorrectDigest()
    {
        var added = new List<SipBinding>();
        Registrar.BindingAdded += added.Add;

        var challenge = await _server.RegisterAsync("1001", authorization: null);
        var ok = await _server.RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"));

        Assert.Equal(401, challenge.StatusCode);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("<sip:1001@127.0.0.1:5070>;expires=120", Assert.Single(ok.Headers.GetAll("Contact")));
        var binding = Assert.Single(Registrar.Lookup("1001"));
        Assert.Equal("sip:1001@127.0.0.1:5070", binding.Contact.ToString());
        Assert.Equal(Bench.PeerEndPoint, binding.Source);
        Assert.Equal(Bench.Time.GetUtcNow().AddSeconds(120), binding.Expires);
        Assert.Equal(binding, Assert.Single(added));
    }

    [Fact]
    public async Task RegisterForAnIsbnAddressOfRecordIsAnswered404WithItsHeadersKept()
    {
        // RFC 4475 §3.3.15 unksm2, with its Via pointed at the test's socket.
        var unksm2 = System.Text.Encoding.UTF8.GetString(Torture.TortureFile.Load("unksm2"))
            .Replace("192.0.2.21:5060;branch", $"{Bench.PeerHost};rport;branch", StringComparison.Ordinal);

        await Bench.SendFromPeerAsync(unksm2);
        var response = await Bench.ReceiveResponseAtPeerAsync();

        Assert.Equal(404, response.StatusCode);
        Assert.StartsWith("isbn:2983792873;tag=", response.Headers["To"], StringComparison.Ordinal);
        Assert.Equal("<http://www.example.com>;tag=3234233", response.Headers["From"]);
        Assert.Equal("unksm2.daksdj@hyphenated-host.example.com", response.CallId);
        Assert.Empty(Registrar.Lookup("John_Smith"));
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetIdenticalAnswers()
    {
        var challenge = await _server.RegisterAsync("1001", authorization: null);

        var wrong = await _server.RegisterAsync("1001", Answer(challenge, "1001", "guess"));
        var unknown = await _server.RegisterAsync(
            "2002",
            Answer(challenge, "2002", "guess"),
            toUser: "2002");

        Assert.Equal(401, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(wrong.ReasonPhrase, unknown.ReasonPhrase);
        Assert.Equal(wrong.Headers.Select(h => h.Key), unknown.Headers.Select(h => h.Key));
        Assert.Equal(2, Bench.Log.At(LogEventLevel.Warning).Count(e => e.Properties.ContainsKey("User")));
    }

    [Fact]
    public async Task AuthenticatedUserCannotRegisterAnotherUsersAddress()
    {
        var challenge = await _server.RegisterAsync("1002", authorization: null);

        var response = await _server.RegisterAsync("1002", Answer(challenge, "1001", "sparkle-1001"));

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(Registrar.Lookup("1002"));
    }

    [Fact]
    public async Task TooShortExpiryIsRefusedWith423AndMinExpires()
    {
        var challenge = await _server.RegisterAsync("1001", authorization: null);

        var response = await _server.RegisterAsync(
            "1001",
            Answer(challenge, "1001", "sparkle-1001"),
            expires: "10");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers["Min-Expires"]);
    }

    [Fact]
    public async Task ExpirySweepRemovesTheBindingAndRaisesBindingRemoved()
    {
        var removed = new TaskCompletionSource<SipBinding>(TaskCreationOptions.RunContinuationsAsynchronously);
        Registrar.BindingRemoved += binding => removed.TrySetResult(binding);
        var challenge = await _server.RegisterAsync("1001", authorization: null);
        await _server.RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"));

        Bench.Time.Advance(TimeSpan.FromSeconds(119));
        var early = removed.Task.IsCompleted;
        Bench.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(early);
        Assert.Equal("1001", (await removed.Task.WaitAsync(TimeSpan.FromSeconds(5))).User);
        Assert.Empty(Registrar.Lookup("1001"));
    }

    [Fact]
    public async Task UnregisterWithExpiresZeroRemovesAllBindings()
    {
        var removed = new List<SipBinding>();
        Registrar.BindingRemoved += removed.Add;
        var challenge = await _server.RegisterAsync("1001", authorization: null);
        await _server.RegisterAsync("1001", Answer(challenge, "1001", "sparkle-1001"));

        var fresh = await _server.RegisterAsync("1001", authorization: null);
        var ok = await _server.RegisterAsync("1001", Answer(fresh, "1001", "sparkle-1001"), expires: "0",
            contact: "*");

        Assert.Equal(200, ok.StatusCode);
        Assert.Empty(ok.Headers.GetAll("Contact"));
        Assert.Empty(Registrar.Lookup("1001"));
        Assert.Single(removed);
    }
}
