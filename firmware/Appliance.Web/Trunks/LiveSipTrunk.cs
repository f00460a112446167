namespace Appliance.Web.Trunks;

/// <summary>A carrier SIP trunk, its outbound registration and its servers as OPTIONS qualify sees them.</summary>
/// <param name="Name">The trunk's name in Sip:Trunks.</param>
/// <param name="Host">The carrier host it resolves (RFC 3263).</param>
/// <param name="Reachable">False when every server stopped answering OPTIONS; true with qualify off.</param>
/// <param name="Registration">none (the trunk does not register), registering, registered or failed.</param>
/// <param name="Target">The server (address:port) that gave the last answer to REGISTER, or null.</param>
/// <param name="ExpiresUtc">When the registration runs out, or null while not registered.</param>
/// <param name="LastStatus">The SIP status of the last final answer to REGISTER, or null.</param>
/// <param name="LastError">Why the last registration failed, or null.</param>
/// <param name="Servers">Each server qualify checked; empty when qualify is off.</param>
public sealed record LiveSipTrunk(
    string Name,
    string Host,
    bool Reachable,
    string Registration,
    string? Target,
    DateTimeOffset? ExpiresUtc,
    int? LastStatus,
    string? LastError,
    IReadOnlyList<LiveSipTrunkServer> Servers);
