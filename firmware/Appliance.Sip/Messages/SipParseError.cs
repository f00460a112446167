using System.Diagnostics.CodeAnalysis;

namespace Appliance.Sip.Messages;

/// <summary>
/// Why <see cref="SipParser.TryParse"/> refused a message. When the request line and the
/// headers a response needs (Via, From, To, Call-ID, CSeq) could be read, the error can build
/// the 400 to send back; for a malformed response, an ACK or a message without those headers it
/// cannot (RFC 3261 §8.2, §17).
/// </summary>
public readonly record struct SipParseError(string Reason)
{
    /// <summary>The request as far as it was read, when it is complete enough to answer.</summary>
    internal SipRequest? Answerable { get; init; }

    /// <summary>True when a 400 can be addressed; its reason phrase is <see cref="Reason"/>.</summary>
    public bool CanCreateBadRequest => Answerable is not null;

    public bool TryCreateBadRequest([NotNullWhen(true)] out SipResponse? response)
    {
        response = null;
        if (Answerable is null)
        {
            return false;
        }

        response = Answerable.CreateResponse(400, Reason);
        return true;
    }
}
