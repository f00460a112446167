namespace Appliance.Web.Trunks;

/// <summary>A carrier SIP trunk and its outbound registration.</summary>
/// <param name="Name">The trunk's name in Sip:Trunks.</param>
/// <param name="Host">The carrier host it resolves (RFC 3263).</param>
/// <param name="Registration">none (the trunk does not register), registering, registered or failed.</param>
/// <param name="Target">The server (address:port) that gave the last answer, or null.</param>
/// <param name="ExpiresUtc">When the registration runs out, or null while not registered.</param>
/// <param name="LastStatus">The SIP status of the last final answer to REGISTER, or null.</param>
/// <param name="LastError">Why the last registration failed, or null.</param>
public sealed record LiveSipTrunk(
    string Name,
    string Host,
    string Registration,
    string? Target,
    DateTimeOffset? ExpiresUtc,
    int? LastStatus,
    string? LastError);
