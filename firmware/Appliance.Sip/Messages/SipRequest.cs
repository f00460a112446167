using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>A SIP request (RFC 3261 §7.1). Not thread safe.</summary>
public sealed class SipRequest : SipMessage
{
    private readonly ReadOnlyMemory<byte> _requestUriBytes;
    private SipUri? _requestUri;

    /// <exception cref="ArgumentException">The method is not a token.</exception>
    public SipRequest(string method, SipUri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!SipText.IsToken(method))
        {
            throw new ArgumentException($"SIP method '{method}' is not a token.", nameof(method));
        }

        Method = method;
        _requestUri = requestUri;
    }

    /// <summary>
    /// A parsed request whose Request-URI, already checked, is read from
    /// <paramref name="requestUri"/> (ASCII) on first use.
    /// </summary>
    internal SipRequest(string method, ReadOnlyMemory<byte> requestUri)
    {
        Method = method;
        _requestUriBytes = requestUri;
    }

    /// <summary>The method, case-sensitive as RFC 3261 §7.1 says (INVITE, ACK, BYE, ...).</summary>
    public string Method { get; }

    public SipUri RequestUri
    {
        get => _requestUri ??= SipUri.Parse(Encoding.ASCII.GetString(_requestUriBytes.Span));
        set => _requestUri = value;
    }

    /// <summary>
    /// Builds a response as RFC 3261 §8.2.6 says: every Via in order, From, To, Call-ID and CSeq
    /// copied; <paramref name="toTag"/> is added to To only when To has no tag yet.
    /// </summary>
    /// <param name="statusCode">100..699.</param>
    /// <param name="reasonPhrase">Null picks the usual phrase for the code.</param>
    /// <param name="toTag">Our tag for the dialog, when the response may create one.</param>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase ?? SipReasonPhrases.For(statusCode));
        foreach (var via in Headers.GetAll(SipHeaderNames.Via))
        {
            response.Headers.AddParsed(SipHeaderNames.Via, via);
        }

        CopyHeader(response, SipHeaderNames.From);
        var to = Headers[SipHeaderNames.To];
        if (toTag is not null && to is not null)
        {
            to = SipNameAddress.WithTag(to, toTag);
        }

        if (to is not null)
        {
            response.Headers.AddParsed(SipHeaderNames.To, to);
        }

        CopyHeader(response, SipHeaderNames.CallId);
        CopyHeader(response, SipHeaderNames.CSeq);
        return response;
    }

    internal override void AppendStartLine(StringBuilder builder) =>
        builder.Append(Method).Append(' ').Append(RequestUri.ToString()).Append(" SIP/2.0");

    private void CopyHeader(SipResponse response, string name)
    {
        var value = Headers[name];
        if (value is not null)
        {
            response.Headers.AddParsed(name, value);
        }
    }
}
