using System.Diagnostics.CodeAnalysis;

namespace Appliance.Sip.Messages;

/// <summary>
/// Why <see cref="SipParser.TryParse"/> refused a message. When the request line and the
/// headers a response needs (Via, From, To, Call-ID, CSeq) could be read, the error can build
/// the response to send back: 400 with <see cref="Reason"/> as its phrase for a syntax error,
/// 505 for a SIP version other than 2.0 (RFC 3261 §21.5.26), 416 for a Request-URI scheme we do
/// not serve (§8.2.2.1). For a malformed response, an ACK or a message without those headers it
/// cannot (§8.2, §17).
/// </summary>
public readonly record struct SipParseError(string Reason)
{
    private readonly int _statusCode;

    /// <summary>The request as far as it was read, when it is complete enough to answer.</summary>
    internal SipRequest? Answerable { get; init; }

    /// <summary>The status of the answer: 400, 413 (body too large), 416, 505 or 513 (message too
    /// large).</summary>
    public int StatusCode
    {
        get => _statusCode == 0 ? 400 : _statusCode;
        init => _statusCode = value;
    }

    /// <summary>True when a response can be addressed.</summary>
    public bool CanCreateResponse => Answerable is not null;

    /// <summary>True when a 400 can be addressed; its reason phrase is <see cref="Reason"/>.</summary>
    public bool CanCreateBadRequest => CanCreateResponse && StatusCode == 400;

    /// <summary>
    /// The answer, status <see cref="StatusCode"/> and phrase <see cref="Reason"/>, when it can
    /// be addressed.
    /// </summary>
    public bool TryCreateResponse([NotNullWhen(true)] out SipResponse? response)
    {
        response = Answerable?.CreateResponse(StatusCode, Reason);
        return response is not null;
    }

    /// <summary>The 400 answer; false when the answer has another status or cannot be addressed.</summary>
    public bool TryCreateBadRequest([NotNullWhen(true)] out SipResponse? response)
    {
        response = null;
        return StatusCode == 400 && TryCreateResponse(out response);
    }
}
