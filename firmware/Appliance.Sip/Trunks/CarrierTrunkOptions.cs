namespace Appliance.Sip.Trunks;

/// <summary>A SIP trunk to a carrier: where its servers are found and whether the box registers.</summary>
public sealed class CarrierTrunkOptions
{
    /// <summary>The trunk's name, as status pages and logs show it.</summary>
    public required string Name { get; init; }

    /// <summary>The carrier's host: a DNS name resolved by RFC 3263 (NAPTR, SRV, A) or an IP address.</summary>
    public required string Host { get; init; }

    /// <summary>A port, or null; a port skips NAPTR and SRV and asks A and AAAA only (RFC 3263 §4.2).</summary>
    public int? Port { get; init; }

    /// <summary>Whether the box keeps itself registered with the carrier.</summary>
    public bool Register { get; init; }

    /// <summary>The account at the carrier (the AOR's user part and the digest user).</summary>
    public string User { get; init; } = "";

    /// <summary>The digest password; never logged nor shown.</summary>
    public string Password { get; init; } = "";

    /// <summary>The domain of the AOR and REGISTER's Request-URI; empty means <see cref="Host"/>.</summary>
    public string Domain { get; init; } = "";

    /// <summary>The registration asked for; the carrier may grant less.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Wait after a failed registration before the next attempt.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each server is sent OPTIONS; zero turns qualify off.</summary>
    public TimeSpan QualifyInterval { get; init; }

    /// <summary>How long an OPTIONS may wait for its answer before the server counts as unreachable.</summary>
    public TimeSpan QualifyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
