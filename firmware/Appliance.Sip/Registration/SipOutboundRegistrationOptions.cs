using System.Net;
using Appliance.Sip.Resolution;

namespace Appliance.Sip.Registration;

/// <summary>What the box registers with a carrier: where, as whom, and for how long.</summary>
public sealed class SipOutboundRegistrationOptions
{
    /// <summary>The carrier's registrar, its address resolved already; used when
    /// <see cref="Targets"/> is not set.</summary>
    public IPEndPoint? Registrar { get; init; }

    /// <summary>
    /// Finds the registrar's servers for each attempt, best first (RFC 3263, a trunk's
    /// <see cref="SipTargetResolver"/>); the next is tried when one is silent or answers 503.
    /// </summary>
    public Func<CancellationToken, Task<IReadOnlyList<SipTarget>>>? Targets { get; init; }

    /// <summary>The carrier's domain: the host of the Request-URI and of the address of record.</summary>
    public required string Domain { get; init; }

    /// <summary>The account at the carrier: the user part of the address of record and the digest user.</summary>
    public required string User { get; init; }

    /// <summary>The digest password; never logged.</summary>
    public required string Password { get; init; }

    /// <summary>The registration asked for; the carrier may grant less (RFC 3261 §10.2.1.1).</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>How long to wait after a failed registration before the next try.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(30);
}
