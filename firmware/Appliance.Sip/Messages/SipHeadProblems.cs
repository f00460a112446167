namespace Appliance.Sip.Messages;

/// <summary>
/// Problems found while reading a message head that do not stop the reading, so that a request
/// whose Via, From, To, Call-ID and CSeq can still be read is answered instead of dropped.
/// </summary>
internal struct SipHeadProblems
{
    /// <summary>The request line names a version other than SIP/2.0 (answered 505).</summary>
    public bool UnsupportedVersion { get; set; }

    /// <summary>The Request-URI has a scheme other than sip or sips (answered 416).</summary>
    public bool UnsupportedScheme { get; set; }

    /// <summary>
    /// The message is over <see cref="SipParser.MaxMessageBytes"/> or has more than
    /// <see cref="SipParser.MaxHeaderFields"/> header fields (answered 513, RFC 3261 §21.5.11).
    /// </summary>
    public string? TooLarge { get; set; }

    /// <summary>The first syntax error seen (answered 400 with it as the phrase).</summary>
    public string? Syntax { get; private set; }

    public void AddSyntax(string reason) => Syntax ??= reason;
}
