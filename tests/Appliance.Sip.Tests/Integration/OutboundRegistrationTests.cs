using System.Net;
using Appliance.Sip.Auth;
using Appliance.Sip.Registration;
using Appliance.Sip.Tests.Support;
using Appliance.Sip.Transactions;
using Appliance.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.Integration;

/// <summary>
/// The box registering with a carrier, over real sockets on loopback: the carrier is our own
/// registrar with digest authentication on a second transport. The box's side runs on a fake
/// clock, so the refresh is reached by advancing it rather than by waiting.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutboundRegistrationTests : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private readonly CapturedLog _log = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly SipUdpTransport _carrierTransport;
    private readonly SipTransactionLayer _carrier;
    private readonly SipRegistrar _registrar;
    private readonly SipUdpTransport _boxTransport;
    private readonly SipTransactionLayer _box;

    public OutboundRegistrationTests()
    {
        _carrierTransport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        _carrier = new SipTransactionLayer(_carrierTransport, TimeProvider.System, _log.Logger);
        _registrar = new SipRegistrar(
            new DigestAuthenticator("carrier.test", TimeProvider.System),
            user => user == "trunk-7" ? "carrier-secret" : null,
            TimeProvider.System,
            _log.Logger);
        _carrier.RequestReceived = _registrar.HandleAsync;
        _carrier.Start();
        _boxTransport = new SipUdpTransport(new IPEndPoint(IPAddress.Loopback, 0), _log.Logger);
        _box = new SipTransactionLayer(_boxTransport, _time, _log.Logger);
        _box.Start();
    }

    [Fact]
    public async Task BoxRegistersWithDigestAndRefreshesBeforeTheGrantRunsOut()
    {
        await using var registration = Registration("carrier-secret", TimeSpan.FromSeconds(120));
        var registered = new List<DateTimeOffset>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registration.Registered += expires =>
        {
            lock (registered)
            {
                registered.Add(expires);
                if (registered.Count == 2)
                {
                    second.TrySetResult();
                }
            }
        };

        var first = await registration.RegisterAsync().WaitAsync(s_wait);
        var binding = Assert.Single(_registrar.Lookup("trunk-7"));
        _time.Advance(TimeSpan.FromSeconds(89));
        var refreshedEarly = second.Task.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));
        await second.Task.WaitAsync(s_wait);

        Assert.True(first, $"Status {registration.LastStatus}");
        Assert.Equal($"sip:trunk-7@127.0.0.1:{_boxTransport.LocalEndPoint.Port}", binding.Contact.ToString());
        Assert.False(refreshedEarly);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(120), registration.ExpiresUtc);
        Assert.Equal(200, registration.LastStatus);
        Assert.Single(_registrar.Lookup("trunk-7"));
    }

    [Fact]
    public async Task WrongPasswordLeavesTheBoxUnregisteredAndIsRetriedLater()
    {
        await using var registration = Registration("wrong", TimeSpan.FromSeconds(120));

        var accepted = await registration.RegisterAsync().WaitAsync(s_wait);

        Assert.False(accepted);
        Assert.Equal(401, registration.LastStatus);
        Assert.Null(registration.ExpiresUtc);
        Assert.Empty(_registrar.Lookup("trunk-7"));
        Assert.Contains(
            _log.Events,
            e => e.MessageTemplate.Text.StartsWith("Registration as {User}", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _box.DisposeAsync();
        await _boxTransport.DisposeAsync();
        _registrar.Dispose();
        await _carrier.DisposeAsync();
        await _carrierTransport.DisposeAsync();
    }

    private SipOutboundRegistration Registration(string password, TimeSpan expires) => new(
        _box,
        new SipOutboundRegistrationOptions
        {
            Registrar = _carrierTransport.LocalEndPoint,
            Domain = "carrier.test",
            User = "trunk-7",
            Password = password,
            Expires = expires,
        },
        _time,
        _log.Logger);
}
