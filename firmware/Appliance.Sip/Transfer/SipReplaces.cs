using System.Diagnostics.CodeAnalysis;

namespace Appliance.Sip.Transfer;

/// <summary>
/// The value of a Replaces header (RFC 3891 §6.1): the dialog an INVITE, or the transfer a REFER
/// asks for, takes the place of. The tags are seen from the side that receives it, as if the
/// dialog's own request arrived (§3): <see cref="ToTag"/> is that side's local tag and
/// <see cref="FromTag"/> the remote one.
/// </summary>
public sealed record SipReplaces(string CallId, string ToTag, string FromTag, bool EarlyOnly)
{
    /// <summary>
    /// Reads <c>callid;to-tag=a;from-tag=b[;early-only]</c>; false when the Call-ID or either tag
    /// is missing or a tag appears twice. Unknown parameters are ignored (§6.1 allows
    /// extensions).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipReplaces? replaces)
    {
        replaces = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        var callId = parts[0];
        if (callId.Length == 0 || callId.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        string? toTag = null;
        string? fromTag = null;
        var earlyOnly = false;
        foreach (var part in parts.AsSpan(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var name = pair[0];
            var value = pair.Length == 2 ? pair[1] : null;
            if (name.Equals("to-tag", StringComparison.OrdinalIgnoreCase))
            {
                if (toTag is not null || string.IsNullOrEmpty(value))
                {
                    return false;
                }

                toTag = value;
            }
            else if (name.Equals("from-tag", StringComparison.OrdinalIgnoreCase))
            {
                if (fromTag is not null || string.IsNullOrEmpty(value))
                {
                    return false;
                }

                fromTag = value;
            }
            else if (name.Equals("early-only", StringComparison.OrdinalIgnoreCase))
            {
                earlyOnly = true;
            }
        }

        if (toTag is null || fromTag is null)
        {
            return false;
        }

        replaces = new SipReplaces(callId, toTag, fromTag, earlyOnly);
        return true;
    }

    /// <summary>The header value, e.g. <c>abc@host;to-tag=1;from-tag=2</c>.</summary>
    public override string ToString() =>
        $"{CallId};to-tag={ToTag};from-tag={FromTag}" + (EarlyOnly ? ";early-only" : string.Empty);
}
