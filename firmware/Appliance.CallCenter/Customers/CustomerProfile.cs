namespace Appliance.CallCenter.Customers;

/// <summary>
/// What the box knows about a caller found by number in the customer table: the name an IVR
/// greets them by, the account an agent's call pop shows, the queue priority a VIP gets (0 for
/// an ordinary customer) and the language of their prompts (<c>en</c>, <c>zh</c>; null for the
/// box's default).
/// </summary>
public sealed record CustomerProfile(string Account, string Name, int VipPriority, string? Language);
