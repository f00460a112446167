using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Qualify;
using Appliance.Sip.Registration;
using Appliance.Sip.Resolution;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Trunks;

/// <summary>
/// A SIP trunk to a carrier: its servers found by RFC 3263 (<see cref="SipTargetResolver"/>)
/// each time they are needed, requests sent with failover over them (<see cref="SipFailover"/>),
/// and, when configured, the box kept registered there (<see cref="SipOutboundRegistration"/>)
/// through the same resolution and failover. With qualify on, every server is sent OPTIONS each
/// <see cref="CarrierTrunkOptions.QualifyInterval"/>; one that stays silent for the qualify
/// timeout is unreachable, and is skipped by registration and requests until it answers again.
/// </summary>
/// <remarks>
/// Thread safe. DNS answers are not cached here: each registration attempt, each request and each
/// qualify round resolves again (the DNS client's cache keeps that cheap).
/// </remarks>
public sealed class CarrierTrunk : IAsyncDisposable
{
    private static readonly string[] s_transports = ["udp"];

    private readonly SipTransactionLayer _sip;
    private readonly SipTargetResolver _resolver;
    private readonly CarrierTrunkOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly SipOutboundRegistration? _registration;
    private readonly Lock _serversLock = new();
    private readonly Dictionary<IPEndPoint, SipQualifyStatus> _health = [];
    private IReadOnlyList<SipTarget> _qualified = [];
    private ITimer? _qualifyTimer;
    private int _qualifying;

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
        _time = time;
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

    /// <summary>Starts qualify when it is on and registering when the trunk registers.</summary>
    public void Start()
    {
        if (_options.QualifyInterval > TimeSpan.Zero)
        {
            _qualifyTimer = _time.CreateTimer(
                _ => _ = QualifyAsync(),
                null,
                TimeSpan.Zero,
                _options.QualifyInterval);
        }

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
            return targets;
        }

        lock (_serversLock)
        {
            var reachable = targets
                .Where(t => !_health.TryGetValue(t.EndPoint, out var health) || health.Reachable)
                .ToList();
            if (reachable.Count == 0)
            {
                _log.Warning("Trunk {Trunk}: every server of {Host} is unreachable", _options.Name, _options.Host);
            }

            return reachable;
        }
    }

    /// <summary>
    /// One qualify round: OPTIONS to every server of the host, at once, each timed. A round still
    /// running when the next is due makes that one skip.
    /// </summary>
    public async Task QualifyAsync()
    {
        if (Interlocked.Exchange(ref _qualifying, 1) == 1)
        {
            return;
        }

        try
        {
            var targets = await _resolver
                .ResolveAsync(_options.Host, _options.Port, s_transports)
                .ConfigureAwait(false);
            var uri = new SipUri("sip", null, Domain);
            var rtts = await Task.WhenAll(targets.Select(t =>
                SipQualifier.PingAsync(_sip, t.EndPoint, uri, _options.QualifyTimeout, _time))).ConfigureAwait(false);

            var now = _time.GetUtcNow();
            lock (_serversLock)
            {
                _qualified = targets;
                for (var i = 0; i < targets.Count; i++)
                {
                    var before = _health.GetValueOrDefault(targets[i].EndPoint, SipQualifyStatus.Unknown);
                    var after = before.After(rtts[i], now);
                    _health[targets[i].EndPoint] = after;
                    LogChange(targets[i], before, after);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _qualifying, 0);
        }
    }

    private void LogChange(SipTarget target, SipQualifyStatus before, SipQualifyStatus after)
    {
        if (before.Reachable && !after.Reachable)
        {
            _log.Warning(
                "Trunk {Trunk} server {Server} is unreachable: no answer to OPTIONS in {TimeoutMs} ms",
                _options.Name,
                target.EndPoint,
                (int)_options.QualifyTimeout.TotalMilliseconds);
        }
        else if (!before.Reachable && after.Reachable)
        {
            _log.Information(
                "Trunk {Trunk} server {Server} answers again ({RttMs} ms)",
                _options.Name,
                target.EndPoint,
                after.LastRtt?.TotalMilliseconds);
        }
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

    public CarrierTrunkStatus Status()
    {
        List<CarrierTrunkServer> servers;
        lock (_serversLock)
        {
            servers = [.. _qualified.Select(t =>
                new CarrierTrunkServer(t, _health.GetValueOrDefault(t.EndPoint, SipQualifyStatus.Unknown)))];
        }

        var reachable = servers.Count == 0 || servers.Exists(s => s.Qualify.Reachable);
        return new CarrierTrunkStatus(_options.Name, _options.Host, reachable, _registration?.Status, servers);
    }

    public async ValueTask DisposeAsync()
    {
        if (_qualifyTimer is not null)
        {
            await _qualifyTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_registration is not null)
        {
            await _registration.DisposeAsync().ConfigureAwait(false);
        }
    }
}
