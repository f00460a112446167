using System.Globalization;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7). The convenience properties parse their header on
/// the first read and keep the result until <see cref="Headers"/> change, so they always reflect
/// the headers; they are null when the header is absent or malformed. The objects they return
/// are shared by later reads: to change a value, write it back through <see cref="Headers"/>.
/// Not thread safe.
/// </summary>
public abstract class SipMessage
{
    private int _parsedVersion;
    private ParsedValues _parsed;
    private SipCSeq? _cseq;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private IReadOnlyList<SipVia>? _vias;

    [Flags]
    private enum ParsedValues
    {
        None = 0,
        CSeq = 1,
        From = 2,
        To = 4,
        Vias = 8,
    }

    public SipHeaderCollection Headers { get; } = new();

    public ReadOnlyMemory<byte> Body { get; set; }

    public string? CallId => Headers[SipHeaderNames.CallId];

    public SipCSeq? CSeq
    {
        get
        {
            if (!IsParsed(ParsedValues.CSeq))
            {
                _cseq = SipCSeq.TryParse(Headers[SipHeaderNames.CSeq], out var cseq) ? cseq : null;
                MarkParsed(ParsedValues.CSeq);
            }

            return _cseq;
        }
    }

    public SipNameAddress? From => ReadNameAddress(ParsedValues.From, ref _from, SipHeaderNames.From);

    public SipNameAddress? To => ReadNameAddress(ParsedValues.To, ref _to, SipHeaderNames.To);

    public string? ContentType => Headers[SipHeaderNames.ContentType];

    /// <summary>Every Via value, top first; values that do not parse are left out.</summary>
    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            if (!IsParsed(ParsedValues.Vias))
            {
                _vias = ParseVias();
                MarkParsed(ParsedValues.Vias);
            }

            return _vias!;
        }
    }

    /// <summary>
    /// The wire form, UTF-8. Any Content-Length header is replaced by one that counts
    /// <see cref="Body"/>, written last among the headers.
    /// </summary>
    public byte[] ToBytes()
    {
        var head = Encoding.UTF8.GetBytes(FormatHead());
        var bytes = new byte[head.Length + Body.Length];
        head.CopyTo(bytes, 0);
        Body.Span.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    /// <summary>The text of the message for Verbose logs; the body is decoded as UTF-8.</summary>
    public override string ToString() => FormatHead() + Encoding.UTF8.GetString(Body.Span);

    internal abstract void AppendStartLine(StringBuilder builder);

    private string FormatHead()
    {
        var builder = new StringBuilder(512);
        AppendStartLine(builder);
        builder.Append("\r\n");
        foreach (var (name, value) in Headers)
        {
            if (string.Equals(name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            builder.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        builder.Append(SipHeaderNames.ContentLength).Append(": ")
            .Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        return builder.ToString();
    }

    /// <summary>True when <paramref name="value"/> was parsed since the headers last changed.</summary>
    private bool IsParsed(ParsedValues value)
    {
        if (_parsedVersion != Headers.Version)
        {
            // A change to the headers forgets every parsed value.
            _parsedVersion = Headers.Version;
            _parsed = ParsedValues.None;
        }

        return (_parsed & value) != 0;
    }

    private void MarkParsed(ParsedValues value) => _parsed |= value;

    private SipNameAddress? ReadNameAddress(ParsedValues value, ref SipNameAddress? field, string name)
    {
        if (!IsParsed(value))
        {
            field = SipNameAddress.TryParse(Headers[name], out var address) ? address : null;
            MarkParsed(value);
        }

        return field;
    }

    private List<SipVia> ParseVias()
    {
        // Via is a list header: each field may hold several values (RFC 3261 §7.3.1).
        var vias = new List<SipVia>(Headers.CountOf(SipHeaderNames.Via));
        for (var i = Headers.IndexOf(SipHeaderNames.Via, 0);
             i >= 0;
             i = Headers.IndexOf(SipHeaderNames.Via, i + 1))
        {
            var value = Headers.ValueAt(i);
            var position = 0;
            while (SipText.TryReadListItem(value, ref position, out var item))
            {
                if (SipVia.TryParse(item, out var via))
                {
                    vias.Add(via);
                }
            }
        }

        return vias;
    }
}
