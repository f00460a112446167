using System.Collections;

namespace Appliance.CallCenter.Dialer;

/// <summary>
/// The contacts of one campaign in import order, unique by id and by normalised number. Not
/// thread safe: fill it before the campaign starts.
/// </summary>
public sealed class ContactList : IReadOnlyList<Contact>
{
    private readonly List<Contact> _contacts = [];
    private readonly Dictionary<string, Contact> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);

    public int Count => _contacts.Count;

    public Contact this[int index] => _contacts[index];

    /// <summary>Adds the contact unless its id or number is already in the list.</summary>
    public bool TryAdd(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (_byId.ContainsKey(contact.Id) || _numbers.Contains(contact.PhoneNumber))
        {
            return false;
        }

        _contacts.Add(contact);
        _byId.Add(contact.Id, contact);
        _numbers.Add(contact.PhoneNumber);
        return true;
    }

    public bool ContainsId(string id) => _byId.ContainsKey(id);

    /// <summary>True when the normalised number is already in the list.</summary>
    public bool ContainsNumber(string normalizedNumber) => _numbers.Contains(normalizedNumber);

    public Contact? Find(string id) => _byId.GetValueOrDefault(id);

    public IEnumerator<Contact> GetEnumerator() => _contacts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
