using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Serilog.Events;

namespace Appliance.Sip.Tests.Registration;

[Trait("Category", "Integration")]
public sealed class SipRegistrarLimitsTests : IAsyncDisposable
{
    private static readonly RegistrarOptions s_options = new()
    {
        FailureLimit = 10,
        AddressFailureLimit = 12,
        MaxBindingsPerUser = 2,
    };

    private readonly RegistrarBench _bench = new(s_options);

    [Fact]
    public async Task FailuresAcrossUsersAboveTheAddressCeilingBanTheWholeAddress()
    {
        var challenge = await _bench.RegisterAsync("1001", authorization: null);
        for (var i = 0; i < 6; i++)
        {
            await _bench.RegisterAsync("1001", RegistrarBench.Answer(challenge, "1001", "guess"));
            var guess = RegistrarBench.Answer(challenge, "1002", "guess");
            await _bench.RegisterAsync("1002", guess, toUser: "1002");
        }

        var other = await _bench.RegisterWithPasswordAsync("1003", "sparkle-1003");

        Assert.Equal(403, other.StatusCode);
        var ban = Assert.Single(_bench.Bench.Log.At(LogEventLevel.Warning),
            e => e.MessageTemplate.Text.Contains("banned", StringComparison.Ordinal));
        Assert.Equal("\"127.0.0.1\"", ban.Properties["RemoteAddress"].ToString());
        Assert.True(ban.Properties.ContainsKey("User"));
    }

    [Fact]
    public async Task RegisterBeyondMaxBindingsPerUserIsRefusedAndKeepsExistingBindings()
    {
        await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001", contact: "<sip:1001@10.0.0.1:5060>");
        await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001", contact: "<sip:1001@10.0.0.2:5060>");
        var before = _bench.Registrar.Lookup("1001");

        var third = await _bench.RegisterWithPasswordAsync(
            "1001", "sparkle-1001", contact: "<sip:1001@10.0.0.3:5060>");

        Assert.Equal(403, third.StatusCode);
        Assert.Equal(before, _bench.Registrar.Lookup("1001"));
        Assert.Single(_bench.Bench.Log.At(LogEventLevel.Warning),
            e => e.MessageTemplate.Text.Contains("bindings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshAtTheBindingsLimitIsStillAccepted()
    {
        await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001", contact: "<sip:1001@10.0.0.1:5060>");
        await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001", contact: "<sip:1001@10.0.0.2:5060>");

        var refresh = await _bench.RegisterWithPasswordAsync(
            "1001", "sparkle-1001", contact: "<sip:1001@10.0.0.1:5060>");

        Assert.Equal(200, refresh.StatusCode);
        Assert.Equal(2, _bench.Registrar.Lookup("1001").Count);
    }

    [Fact]
    public async Task RefreshRaisesBindingRefreshedWithTheNewExpiryAndNotBindingAdded()
    {
        var added = new List<SipBinding>();
        var refreshed = new List<SipBinding>();
        _bench.Registrar.BindingAdded += added.Add;
        _bench.Registrar.BindingRefreshed += refreshed.Add;
        await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001");
        _bench.Bench.Time.Advance(TimeSpan.FromSeconds(30));

        await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001", expires: "300");

        Assert.Single(added);
        var binding = Assert.Single(refreshed);
        Assert.Equal(_bench.Bench.Time.GetUtcNow().AddSeconds(300), binding.Expires);
        Assert.Equal(binding, Assert.Single(_bench.Registrar.Lookup("1001")));
    }

    [Fact]
    public async Task RestoreLoadsLiveBindingsSkipsExpiredOnesAndRaisesBindingAdded()
    {
        var now = _bench.Bench.Time.GetUtcNow();
        var source = new IPEndPoint(IPAddress.Parse("10.0.0.9"), 5060);
        var live = new SipBinding("1001", SipUri.Parse("sip:1001@10.0.0.9:5060"), source, now.AddMinutes(10));
        var expired = new SipBinding(
            "1002", SipUri.Parse("sip:1002@10.0.0.9:5060"), source, now.AddSeconds(-1));
        var added = new List<SipBinding>();
        var removed = new List<SipBinding>();
        _bench.Registrar.BindingAdded += added.Add;
        _bench.Registrar.BindingRemoved += removed.Add;

        _bench.Registrar.Restore([live, expired]);
        var restored = _bench.Registrar.Lookup("1001");
        _bench.Bench.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(live, Assert.Single(restored));
        Assert.Empty(_bench.Registrar.Lookup("1002"));
        Assert.Equal(live, Assert.Single(added));
        Assert.Equal(live, Assert.Single(removed));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task RestoredBindingIsRefreshedByTheNextRegister()
    {
        var now = _bench.Bench.Time.GetUtcNow();
        var saved = new SipBinding(
            "1001",
            SipUri.Parse("sip:1001@127.0.0.1:5070"),
            new IPEndPoint(IPAddress.Loopback, 5070),
            now.AddMinutes(1));
        var refreshed = new List<SipBinding>();
        _bench.Registrar.BindingRefreshed += refreshed.Add;
        _bench.Registrar.Restore([saved]);

        var ok = await _bench.RegisterWithPasswordAsync("1001", "sparkle-1001");

        Assert.Equal(200, ok.StatusCode);
        Assert.Single(refreshed);
        Assert.Single(_bench.Registrar.Lookup("1001"));
    }

    public ValueTask DisposeAsync() => _bench.DisposeAsync();
}
