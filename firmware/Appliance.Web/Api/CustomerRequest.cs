namespace Appliance.Web.Api;

/// <summary>
/// An admin's customer: the account that names it, the name callers are greeted by, the numbers
/// they call from, the VIP priority in the queues (0-1000, 0 for none) and the language of their
/// prompts (<c>en</c>, <c>zh</c> or none).
/// </summary>
public sealed record CustomerRequest(
    string? Account,
    string? Name,
    IReadOnlyList<string>? Numbers,
    int? VipPriority,
    string? Language);
