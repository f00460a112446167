using System.Collections;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// The header fields of one SIP message in wire order. Names compare case-insensitively and
/// compact forms are stored under their canonical names (RFC 3261 §7.3.3), so <c>i</c>,
/// <c>call-id</c> and <c>Call-ID</c> are one header. A parsed message keeps its fields as offsets
/// into its own copy of the datagram and decodes a value to a string on its first read only.
/// Not thread safe.
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<KeyValuePair<string, string>>
{
    private SipHeaderField[] _fields = [];
    private int _count;
    private byte[] _source = [];

    /// <summary>Number of header field lines (a parsed multi-value Via counts once per value).</summary>
    public int Count => _count;

    /// <summary>Bumped on every change, so that values parsed from the fields can be cached.</summary>
    internal int Version { get; private set; }

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
            var index = IndexOf(SipHeaderNames.Canonical(name), 0);
            return index < 0 ? null : ValueAt(index);
        }
        set
        {
            if (value is null)
            {
                Remove(name);
                return;
            }

            var canonical = Validate(name, value);
            var index = IndexOf(canonical, 0);
            if (index < 0)
            {
                Append(SipHeaderField.Text(canonical, value.Trim()));
                return;
            }

            Remove(canonical);
            InsertAt(Math.Min(index, _count), SipHeaderField.Text(canonical, value.Trim()));
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
        for (var i = IndexOf(canonical, 0); i >= 0; i = IndexOf(canonical, i + 1))
        {
            if (isList)
            {
                SipText.SplitList(ValueAt(i), values);
            }
            else
            {
                values.Add(ValueAt(i));
            }
        }

        return values;
    }

    /// <summary>True when at least one field of that name exists.</summary>
    public bool Contains(string name) => IndexOf(SipHeaderNames.Canonical(name), 0) >= 0;

    /// <summary>Appends a field.</summary>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a line
    /// break.</exception>
    public void Add(string name, string value)
    {
        var canonical = Validate(name, value);
        Append(SipHeaderField.Text(canonical, value.Trim()));
    }

    /// <summary>Inserts a field at a position among the fields, e.g. 0 for a new top Via.</summary>
    /// <exception cref="ArgumentException">The name is not a token or the value holds a line
    /// break.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..Count.</exception>
    public void Insert(int index, string name, string value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, _count);
        var canonical = Validate(name, value);
        InsertAt(index, SipHeaderField.Text(canonical, value.Trim()));
    }

    /// <summary>Removes every field of that name.</summary>
    public void Remove(string name)
    {
        var canonical = SipHeaderNames.Canonical(name);
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (!_fields[i].HasName(canonical))
            {
                _fields[kept++] = _fields[i];
            }
        }

        Array.Clear(_fields, kept, _count - kept);
        _count = kept;
        Version++;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        var version = Version;
        for (var i = 0; i < _count; i++)
        {
            var value = ValueAt(i);
            if (version != Version)
            {
                throw new InvalidOperationException("The headers changed during enumeration.");
            }

            yield return new(_fields[i].Name, value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal int CountOf(string canonicalName)
    {
        var count = 0;
        for (var i = IndexOf(canonicalName, 0); i >= 0; i = IndexOf(canonicalName, i + 1))
        {
            count++;
        }

        return count;
    }

    /// <summary>The index of the next field of a canonical name from <paramref name="start"/>, or -1.</summary>
    internal int IndexOf(string canonicalName, int start)
    {
        for (var i = start; i < _count; i++)
        {
            if (_fields[i].HasName(canonicalName))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value of a field, decoded from the message bytes on its first read.</summary>
    internal string ValueAt(int index)
    {
        ref var field = ref _fields[index];
        return field.Value ??= Encoding.UTF8.GetString(_source, field.Start, field.Length);
    }

    /// <summary>
    /// The value of a field as characters without keeping a string: decoded into
    /// <paramref name="buffer"/> when it fits, else decoded once and kept as <see cref="ValueAt"/>.
    /// </summary>
    internal ReadOnlySpan<char> CharsAt(int index, Span<char> buffer)
    {
        ref var field = ref _fields[index];
        if (field.Value is null && field.Length <= buffer.Length)
        {
            // UTF-8 never yields more UTF-16 code units than it has bytes.
            var written = Encoding.UTF8.GetChars(_source.AsSpan(field.Start, field.Length), buffer);
            return buffer[..written];
        }

        return ValueAt(index);
    }

    /// <summary>Adds a field the parser has already checked; the name must be canonical.</summary>
    internal void AddParsed(string canonicalName, string value) =>
        Append(SipHeaderField.Text(canonicalName, value));

    /// <summary>
    /// Takes the fields the parser indexed into <paramref name="source"/>, which the collection
    /// now owns: nothing else may write to it.
    /// </summary>
    internal void Load(byte[] source, ReadOnlySpan<SipHeaderField> fields)
    {
        _source = source;
        _fields = fields.ToArray();
        _count = fields.Length;
        Version++;
    }

    /// <summary>Replaces the value of the first field of a name, used to stamp the top Via.</summary>
    internal void ReplaceFirst(string name, string value)
    {
        var index = IndexOf(SipHeaderNames.Canonical(name), 0);
        if (index >= 0)
        {
            _fields[index] = SipHeaderField.Text(_fields[index].Name, value);
            Version++;
        }
    }

    private void Append(SipHeaderField field) => InsertAt(_count, field);

    private void InsertAt(int index, SipHeaderField field)
    {
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(8, _count * 2));
        }

        Array.Copy(_fields, index, _fields, index + 1, _count - index);
        _fields[index] = field;
        _count++;
        Version++;
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
