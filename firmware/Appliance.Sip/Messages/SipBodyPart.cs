namespace Appliance.Sip.Messages;

/// <summary>
/// One body part of a multipart SIP body (RFC 2046 §5.1, RFC 5621): its MIME headers in wire
/// order and its octets. Immutable.
/// </summary>
public sealed class SipBodyPart
{
    internal SipBodyPart(IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    /// <summary>The part's headers as written, names as on the wire.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The part's octets, without the CRLF that precedes the next delimiter.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The part's Content-Type; RFC 2046 §5.1 makes text/plain the default.</summary>
    public string ContentType
    {
        get
        {
            foreach (var (name, value) in Headers)
            {
                if (string.Equals(name, SipHeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return "text/plain";
        }
    }
}
