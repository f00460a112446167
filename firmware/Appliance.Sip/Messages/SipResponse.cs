using System.Globalization;
using System.Text;

namespace Appliance.Sip.Messages;

/// <summary>A SIP response (RFC 3261 §7.2). Not thread safe.</summary>
public sealed class SipResponse : SipMessage
{
    /// <exception cref="ArgumentOutOfRangeException">The code is outside 100..699.</exception>
    /// <exception cref="ArgumentException">The reason phrase holds a line break.</exception>
    public SipResponse(int statusCode, string reasonPhrase)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        ArgumentNullException.ThrowIfNull(reasonPhrase);
        if (SipText.HasLineBreak(reasonPhrase))
        {
            throw new ArgumentException("A reason phrase cannot hold a line break.", nameof(reasonPhrase));
        }

        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    internal override void AppendStartLine(StringBuilder builder) =>
        builder.Append("SIP/2.0 ").Append(StatusCode.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(ReasonPhrase);
}
