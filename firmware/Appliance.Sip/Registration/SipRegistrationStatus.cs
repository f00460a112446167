using System.Net;

namespace Appliance.Sip.Registration;

/// <summary>An outbound registration at one moment, for status pages.</summary>
/// <param name="State">Registering, registered or failed.</param>
/// <param name="Target">The server that gave the last final answer, or null when none answered.</param>
/// <param name="ExpiresUtc">When the carrier's binding runs out, or null while not registered.</param>
/// <param name="LastStatus">The status code of the last final answer, or null.</param>
/// <param name="LastError">Why the last attempt failed, in words, or null after a success.</param>
public sealed record SipRegistrationStatus(
    SipRegistrationState State,
    IPEndPoint? Target,
    DateTimeOffset? ExpiresUtc,
    int? LastStatus,
    string? LastError);
