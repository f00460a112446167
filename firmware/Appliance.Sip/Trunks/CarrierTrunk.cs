using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Resolution;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Trunks;

/// <summary>
/// A SIP trunk to a carrier: its servers found by RFC 3263 (<see cref="SipTargetResolver"/>)
/// each time they are needed, requests sent with failover over them (<see cref="SipFailover"/>),
/// and, when configured, the box kept registered there (<see cref="SipOutboundRegistration"/>)
/// through the same resolution and failover.
/// </summary>
/// <remarks>
/// Thread safe. DNS answers are not cached here: each registration attempt and each request
/// resolves again, which suits a trunk that sends a few requests a minute.
/// </remarks>
public sealed class CarrierTrunk : IAsyncDisposable
{
    private static readonly string[] s_transports = ["udp"];

    private readonly SipTransactionLayer _sip;
    private readonly SipTargetResolver _resolver;
    private readonly CarrierTrunkOptions _options;
    private readonly ILogger _log;
    private readonly SipOutboundRegistration? _registration;

    public CarrierTrunk(
        SipTransactionLayer sip,
        SipTargetResolver resolver,
        CarrierTrunkOptions options,
        TimeProvider time,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _sip = sip;
        _resolver = resolver;
        _options = options;
        _log = log.ForContext<CarrierTrunk>().ForContext("Trunk", options.Name);
        if (options.Register)
        {
            _registration = new SipOutboundRegistration(
                sip,
                new SipOutboundRegistrationOptions
                {
                    Targets = TargetsAsync,
                    Domain = Domain,
                    User = options.User,
                    Password = options.Password,
                    Expires = options.Expires,
                    RetryAfterFailure = options.RetryAfterFailure,
                },
                time,
                _log);
        }
    }

    public string Name => _options.Name;

    /// <summary>The domain of the trunk's URIs: the configured one or the host.</summary>
    public string Domain => _options.Domain.Length > 0 ? _options.Domain : _options.Host;

    /// <summary>The registration, or null when the trunk does not register.</summary>
    public SipOutboundRegistration? Registration => _registration;

    /// <summary>Starts registering when the trunk registers; does nothing otherwise.</summary>
    public void Start()
    {
        if (_registration is not null)
        {
            _log.Information("Trunk {Trunk} registers as {User} at {Domain}", _options.Name, _options.User, Domain);
            _registration.Start();
        }
    }

    /// <summary>The trunk's servers in the order to try, resolved now; empty when none resolves.</summary>
    public async Task<IReadOnlyList<SipTarget>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        var targets = await _resolver
            .ResolveAsync(_options.Host, _options.Port, s_transports, cancellationToken)
            .ConfigureAwait(false);
        if (targets.Count == 0)
        {
            _log.Warning("Trunk {Trunk}: no server found for {Host}", _options.Name, _options.Host);
        }

        return targets;
    }

    /// <summary>
    /// Sends a request built afresh for each server (a new transaction, so a new branch) to the
    /// trunk's servers in turn until one answers other than 503.
    /// </summary>
    /// <returns>The response and the server that gave it, or nulls when every server failed.</returns>
    public async Task<(SipResponse? Response, SipTarget? Target)> SendAsync(Func<SipRequest> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var targets = await TargetsAsync().ConfigureAwait(false);
        return await SipFailover.SendAsync(_sip, build, targets, _log).ConfigureAwait(false);
    }

    public CarrierTrunkStatus Status() => new(_options.Name, _options.Host, _registration?.Status);

    public async ValueTask DisposeAsync()
    {
        if (_registration is not null)
        {
            await _registration.DisposeAsync().ConfigureAwait(false);
        }
    }
}
