using System.Collections;

namespace Appliance.Sip.Messages;

/// <summary>
/// The header fields of one SIP message in wire order. Names compare case-insensitively and
/// compact forms are stored under their canonical names (RFC 3261 §7.3.3), so <c>i</c>,
/// <c>call-id</c> and <c>Call-ID</c> are one header. Not thread safe.
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>Number of header field lines (a parsed multi-value Via counts once per value).</summary>
    public int Count => _fields.Count;

    /// <summary>
    /// The first value of the header, or null. Setting replaces every field of that name in place
    /// of the first one; setting null removes them.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a line
    /// break.</exception>
    public string? this[string name]
    {
        get
        {
            var index = IndexOf(name);
            return index < 0 ? null : _fields[index].Value;
        }
        set
        {
            var index = IndexOf(name);
            if (value is null)
            {
                Remove(name);
                return;
            }

            if (index < 0)
            {
                Add(name, value);
                return;
            }

            var canonical = Validate(name, value);
            Remove(name);
            _fields.Insert(Math.Min(index, _fields.Count), new(canonical, value.Trim()));
        }
    }

    /// <summary>
    /// Every value of the header in order. Values of list headers (Via, Contact, Route, ...) are
    /// split at commas that are not inside quotes or angle brackets (RFC 3261 §7.3.1).
    /// </summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Canonical(name);
        var isList = SipHeaderNames.IsList(canonical);
        var values = new List<string>();
        foreach (var field in _fields)
        {
            if (!string.Equals(field.Key, canonical, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (isList)
            {
                SipText.SplitList(field.Value, values);
            }
            else
            {
                values.Add(field.Value);
            }
        }

        return values;
    }

    /// <summary>True when at least one field of that name exists.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Appends a field.</summary>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a line
    /// break.</exception>
    public void Add(string name, string value)
    {
        var canonical = Validate(name, value);
        _fields.Add(new(canonical, value.Trim()));
    }

    /// <summary>Inserts a field at a position among the fields, e.g. 0 for a new top Via.</summary>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a line
    /// break.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..Count.</exception>
    public void Insert(int index, string name, string value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, _fields.Count);
        var canonical = Validate(name, value);
        _fields.Insert(index, new(canonical, value.Trim()));
    }

    /// <summary>Removes every field of that name.</summary>
    public void Remove(string name)
    {
        var canonical = SipHeaderNames.Canonical(name);
        _fields.RemoveAll(f => string.Equals(f.Key, canonical, StringComparison.OrdinalIgnoreCase));
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal int CountOf(string canonicalName)
    {
        var count = 0;
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, canonicalName, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Adds a field the parser has already checked; the name must be canonical.</summary>
    internal void AddParsed(string canonicalName, string value) => _fields.Add(new(canonicalName, value));

    /// <summary>Replaces the value of the first field of a name, used to stamp the top Via.</summary>
    internal void ReplaceFirst(string name, string value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _fields[index] = new(_fields[index].Key, value);
        }
    }

    private int IndexOf(string name)
    {
        var canonical = SipHeaderNames.Canonical(name);
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, canonical, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Validate(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!SipText.IsToken(name))
        {
            throw new ArgumentException($"Header name '{name}' is not a token.", nameof(name));
        }

        if (SipText.HasLineBreak(value))
        {
            throw new ArgumentException($"The value of header '{name}' holds a line break.", nameof(value));
        }

        return SipHeaderNames.Canonical(name);
    }
}
