using System.Globalization;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7). The convenience properties parse the headers on
/// every read, so they reflect edits to <see cref="Headers"/>; they are null when the header is
/// absent or malformed. Not thread safe.
/// </summary>
public abstract class SipMessage
{
    public SipHeaderCollection Headers { get; } = new();

    public ReadOnlyMemory<byte> Body { get; set; }

    public string? CallId => Headers[SipHeaderNames.CallId];

    public SipCSeq? CSeq => SipCSeq.TryParse(Headers[SipHeaderNames.CSeq], out var cseq) ? cseq : null;

    public SipNameAddress? From =>
        SipNameAddress.TryParse(Headers[SipHeaderNames.From], out var from) ? from : null;

    public SipNameAddress? To => SipNameAddress.TryParse(Headers[SipHeaderNames.To], out var to) ? to : null;

    public string? ContentType => Headers[SipHeaderNames.ContentType];

    /// <summary>Every Via value, top first; values that do not parse are left out.</summary>
    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            var values = Headers.GetAll(SipHeaderNames.Via);
            var vias = new List<SipVia>(values.Count);
            foreach (var value in values)
            {
                if (SipVia.TryParse(value, out var via))
                {
                    vias.Add(via);
                }
            }

            return vias;
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
}
