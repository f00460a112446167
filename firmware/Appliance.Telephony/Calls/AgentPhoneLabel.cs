using System.Text;
using Appliance.Sip.Messages;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Names the agent's phone for the call record from its answer. RFC 3261 §20.41 and §20.35: a
/// UAS says what it is in Server, but most desk phones send their User-Agent in responses too,
/// so that comes first. The text ends up in reports and CSV files, so only printable ASCII of
/// it is kept.
/// </summary>
internal static class AgentPhoneLabel
{
    private const int MaxLength = 64;

    /// <summary>The phone's name, or null when the answer names none.</summary>
    public static string? Of(SipResponse answer)
    {
        var text = answer.Headers["User-Agent"] ?? answer.Headers["Server"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var label = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var c in text.Trim())
        {
            if (label.Length == MaxLength)
            {
                break;
            }

            label.Append(c is >= ' ' and <= '~' ? c : ' ');
        }

        var result = label.ToString().Trim();
        return result.Length > 0 ? result : null;
    }
}
