namespace Appliance.Sip.Transport;

/// <summary>What <see cref="SipStreamFrame.TryRead"/> found at the start of a stream buffer.</summary>
internal enum SipStreamFrameKind
{
    /// <summary>Not enough bytes yet.</summary>
    Incomplete,

    /// <summary>A whole message of <c>Length</c> bytes.</summary>
    Message,

    /// <summary>RFC 5626 §4.4.1 double-CRLF ping, to be answered with one CRLF.</summary>
    Ping,

    /// <summary>A lone CRLF: a pong, or the keep-alive of RFC 3261 §7.5; skipped.</summary>
    Pong,

    /// <summary>The stream cannot be framed any more (no or bad Content-Length, too large).</summary>
    Broken,
}
