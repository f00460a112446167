using Appliance.Sip.Messages;

namespace Appliance.Sip.Registration;

/// <summary>What one REGISTER asks: remove all (<c>Contact: *</c>) and/or contacts with lifetimes.</summary>
internal sealed record SipRegisterChanges(
    bool RemoveAll,
    IReadOnlyList<(SipUri Contact, TimeSpan Expires)> Contacts);
