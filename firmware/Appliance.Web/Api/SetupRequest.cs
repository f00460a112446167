namespace Appliance.Web.Api;

/// <summary>
/// The setup wizard's answers: the admin password, the time zone, the first SIP trunk (the
/// carrier's address), the agents' extensions, their queue and the DID that leads to it.
/// </summary>
internal sealed record SetupRequest(
    string? AdminPassword,
    string? AdminPasswordRepeat,
    string? TimeZone,
    string? TrunkName,
    string? TrunkAddress,
    string? Extensions,
    string? ExtensionPassword,
    string? QueueName,
    string? Did);
