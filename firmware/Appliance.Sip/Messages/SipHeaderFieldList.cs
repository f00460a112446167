using System.Buffers;

namespace Appliance.Sip.Messages;

/// <summary>
/// The fields of a head while the parser reads it, in a pooled array, so that growing the list
/// costs nothing; the collection then takes a copy of the exact size. Dispose returns the array.
/// </summary>
internal struct SipHeaderFieldList : IDisposable
{
    private SipHeaderField[]? _items;

    public int Count { get; private set; }

    public void Add(SipHeaderField field)
    {
        _items ??= ArrayPool<SipHeaderField>.Shared.Rent(32);
        if (Count == _items.Length)
        {
            var larger = ArrayPool<SipHeaderField>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<SipHeaderField>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }

        _items[Count++] = field;
    }

    public readonly ReadOnlySpan<SipHeaderField> AsSpan() => _items.AsSpan(0, Count);

    public void Dispose()
    {
        if (_items is not null)
        {
            // Cleared, so that the pool holds no strings of this message.
            ArrayPool<SipHeaderField>.Shared.Return(_items, clearArray: true);
            _items = null;
            Count = 0;
        }
    }
}
