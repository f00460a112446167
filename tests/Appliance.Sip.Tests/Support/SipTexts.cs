namespace Appliance.Sip.Tests.Support;

/// <summary>Wire-format messages used across the tests; CRLF line ends.</summary>
internal static class SipTexts
{
    public const string SdpBody =
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    public static string Invite(
        string branch = "z9hG4bK776asdhds",
        string callId = "a84b4c76e66710@pc33.example.com",
        int cseq = 314159,
        string method = "INVITE",
        string host = "127.0.0.1:5070",
        string? toTag = null,
        string body = SdpBody) =>
        Request(method, "sip:100@127.0.0.1", branch, callId, cseq, host, toTag, body, "application/sdp");

    public static string Request(
        string method,
        string uri,
        string branch,
        string callId,
        int cseq,
        string host = "127.0.0.1:5070",
        string? toTag = null,
        string body = "",
        string? contentType = null,
        string extraHeaders = "")
    {
        var to = toTag is null ? "<sip:100@127.0.0.1>" : $"<sip:100@127.0.0.1>;tag={toTag}";
        var type = contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n";
        return $"{method} {uri} SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP {host};branch={branch};rport\r\n"
            + "Max-Forwards: 70\r\n"
            + $"To: {to}\r\n"
            + "From: \"Alice\" <sip:alice@127.0.0.1>;tag=1928301774\r\n"
            + $"Call-ID: {callId}\r\n"
            + $"CSeq: {cseq} {method}\r\n"
            + "Contact: <sip:alice@127.0.0.1:5070>\r\n"
            + extraHeaders
            + type
            + $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n"
            + body;
    }

    public static string Response(
        int code,
        string reason,
        string branch,
        string method,
        int cseq = 1,
        string callId = "out-1",
        string toTag = "peer-tag",
        string host = "127.0.0.1:5060") =>
        $"SIP/2.0 {code} {reason}\r\n"
        + $"Via: SIP/2.0/UDP {host};branch={branch};rport\r\n"
        + $"To: <sip:1001@127.0.0.1>;tag={toTag}\r\n"
        + "From: <sip:100@127.0.0.1>;tag=ours\r\n"
        + $"Call-ID: {callId}\r\n"
        + $"CSeq: {cseq} {method}\r\n"
        + "Content-Length: 0\r\n\r\n";
}
