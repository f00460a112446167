using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Serilog;

namespace Appliance.Sip.Resolution;

/// <summary>
/// Finds the servers of a SIP domain (RFC 3263 §4): an IP address is used as it is; a name with
/// a port is looked up in A and AAAA; otherwise NAPTR records (SIP+D2U, SIP+D2T, SIPS+D2T) name
/// SRV records, or, without NAPTR, the SRV records <c>_sip._udp</c>, <c>_sip._tcp</c> and
/// <c>_sips._tcp</c> are asked directly, and each SRV target is looked up in A and AAAA; without
/// SRV the name itself on port 5060 (5061 for TLS). The list comes back in the order to try.
/// </summary>
/// <remarks>
/// Thread safe. SRV records of one priority are tried in the weighted random order of RFC 2782
/// (<see cref="SrvOrder"/>), drawn again on each resolution, so the boxes of a site spread over a
/// carrier's servers. A DNS failure is logged and leaves that step empty; it never throws.
/// </remarks>
public sealed class SipTargetResolver
{
    private static readonly (string Service, string Transport, string SrvPrefix)[] s_services =
    [
        ("SIP+D2U", "udp", "_sip._udp."),
        ("SIP+D2T", "tcp", "_sip._tcp."),
        ("SIPS+D2T", "tls", "_sips._tcp."),
    ];

    private readonly ILookupClient _dns;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly Lock _randomLock = new();

    /// <param name="dns">The DNS client asked.</param>
    /// <param name="log">Where failed lookups are logged.</param>
    /// <param name="random">The SRV weight draw; a seeded one makes the order repeatable in tests.</param>
    public SipTargetResolver(ILookupClient dns, ILogger log, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(log);
        _dns = dns;
        _log = log.ForContext<SipTargetResolver>();
        _random = random ?? new Random();
    }

    /// <summary>The targets for <paramref name="host"/>, best first; empty when none resolves.</summary>
    /// <param name="host">The host of the SIP URI, a name or an IP address.</param>
    /// <param name="port">The URI's port, or null; a port skips NAPTR and SRV (§4.2).</param>
    /// <param name="transports">The transports the box can use, e.g. ["udp"].</param>
    /// <param name="cancellationToken">Stops the lookups.</param>
    public async Task<IReadOnlyList<SipTarget>> ResolveAsync(
        string host,
        int? port,
        IReadOnlyCollection<string> transports,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(transports);
        var first = PreferredTransport(transports);

        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [new SipTarget(new IPEndPoint(literal, port ?? DefaultPort(first)), first)];
        }

        if (port is { } given)
        {
            return await AddressesAsync(host, given, first, cancellationToken).ConfigureAwait(false);
        }

        var services = await FromNaptrAsync(host, transports, cancellationToken).ConfigureAwait(false);
        if (services.Count == 0)
        {
            // §4.1: without NAPTR, the SRV records of each transport we support, in our order.
            foreach (var (_, transport, prefix) in s_services)
            {
                if (transports.Contains(transport))
                {
                    services.Add((prefix + host, transport));
                }
            }
        }

        var targets = new List<SipTarget>();
        foreach (var (srvName, transport) in services)
        {
            targets.AddRange(await FromSrvAsync(srvName, transport, cancellationToken).ConfigureAwait(false));
        }

        if (targets.Count > 0)
        {
            return targets;
        }

        return await AddressesAsync(host, DefaultPort(first), first, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<(string SrvName, string Transport)>> FromNaptrAsync(
        string host,
        IReadOnlyCollection<string> transports,
        CancellationToken cancellationToken)
    {
        var records = new List<NAPtrRecord>();
        var answer = await QueryAsync(host, QueryType.NAPTR, cancellationToken).ConfigureAwait(false);
        if (answer is not null)
        {
            records.AddRange(answer.Answers.NAPtrRecords());
        }

        // RFC 3403 §4.1: lower order first, then lower preference; flag "s" leads to SRV.
        records.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Preference.CompareTo(b.Preference));
        var services = new List<(string, string)>();
        foreach (var record in records)
        {
            var service = Array.Find(s_services, s => string.Equals(s.Service, record.Services, StringComparison.OrdinalIgnoreCase));
            if (service.Service is null || !transports.Contains(service.Transport)
                || !string.Equals(record.Flags, "s", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            services.Add((record.Replacement.Value.TrimEnd('.'), service.Transport));
        }

        return services;
    }

    private async Task<List<SipTarget>> FromSrvAsync(string name, string transport, CancellationToken cancellationToken)
    {
        var targets = new List<SipTarget>();
        var answer = await QueryAsync(name, QueryType.SRV, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return targets;
        }

        List<SrvRecord> records;
        lock (_randomLock)
        {
            records = SrvOrder.Arrange([.. answer.Answers.SrvRecords()], r => r.Priority, r => r.Weight, _random);
        }

        foreach (var record in records)
        {
            // RFC 2782: a target of "." means the service is not offered there.
            var target = record.Target.Value.TrimEnd('.');
            if (target.Length == 0)
            {
                continue;
            }

            targets.AddRange(await AddressesAsync(target, record.Port, transport, cancellationToken).ConfigureAwait(false));
        }

        return targets;
    }

    private async Task<List<SipTarget>> AddressesAsync(
        string name,
        int port,
        string transport,
        CancellationToken cancellationToken)
    {
        var targets = new List<SipTarget>();
        foreach (var type in new[] { QueryType.A, QueryType.AAAA })
        {
            var answer = await QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                continue;
            }

            foreach (var record in answer.Answers.AddressRecords())
            {
                if (record.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                {
                    targets.Add(new SipTarget(new IPEndPoint(record.Address, port), transport));
                }
            }
        }

        return targets;
    }

    private async Task<IDnsQueryResponse?> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _dns.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            return response.HasError ? null : response;
        }
        catch (DnsResponseException ex)
        {
            _log.Warning(ex, "DNS {Type} lookup of {Name} failed", type, name);
            return null;
        }
    }

    private static string PreferredTransport(IReadOnlyCollection<string> transports) =>
        transports.Contains("udp") ? "udp" : transports.FirstOrDefault() ?? "udp";

    private static int DefaultPort(string transport) => transport == "tls" ? 5061 : 5060;
}
