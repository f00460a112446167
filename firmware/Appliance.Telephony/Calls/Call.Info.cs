using System.Text;
using Appliance.Media.Engine;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Calls;

/// <summary>
/// Key presses sent as SIP INFO (RFC 6086) instead of RFC 4733 events, as many PBXs and older
/// phones do: <c>application/dtmf-relay</c> (<c>Signal=5</c>, <c>Duration=160</c>) and
/// <c>application/dtmf</c> (the digit alone) in the caller's dialog reach the IVR like RTP
/// digits. Once the caller is bridged to an agent, a digit sent by INFO in either dialog
/// reaches the other side in the mode its leg negotiated: an RFC 4733 event, or an in-band
/// tone for a leg without telephone-event. Another body type is refused 415 with Accept.
/// </summary>
internal sealed partial class Call
{
    private const string AcceptedInfoTypes = "application/dtmf-relay, application/dtmf";

    /// <summary>An INFO arrived in the caller's dialog or an agent's.</summary>
    public void InfoReceived(SipServerTransaction info) => Post(() => AnswerInfoAsync(info));

    /// <summary>The DTMF digit of an INFO body, or null when it carries none.</summary>
    internal static char? DigitOfInfo(string? contentType, string body)
    {
        var type = contentType?.Split(';', 2)[0].Trim();
        string? signal = null;
        if (string.Equals(type, "application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n'))
            {
                var pair = line.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length == 2 && string.Equals(pair[0], "Signal", StringComparison.OrdinalIgnoreCase))
                {
                    signal = pair[1];
                }
            }
        }
        else if (string.Equals(type, "application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            signal = body.Trim();
        }

        // RFC 4733 event codes 10 and 11 are * and #; some phones send them as numbers.
        return signal switch
        {
            "10" => '*',
            "11" => '#',
            { Length: 1 } one when char.IsAsciiDigit(one[0]) || one[0] is '*' or '#' => one[0],
            { Length: 1 } letter when char.ToUpperInvariant(letter[0]) is >= 'A' and <= 'D' =>
                char.ToUpperInvariant(letter[0]),
            _ => null,
        };
    }

    private async ValueTask AnswerInfoAsync(SipServerTransaction info)
    {
        var request = info.Request;
        if (_phase == CallPhase.Ended || DialogOf(request.CallId) is null)
        {
            var gone = request.CreateResponse(481, "Call/Transaction Does Not Exist");
            await info.SendResponseAsync(gone).ConfigureAwait(false);
            return;
        }

        if (!await AcceptInDialogAsync(info).ConfigureAwait(false))
        {
            return;
        }

        var digit = DigitOfInfo(request.Headers["Content-Type"], Encoding.UTF8.GetString(request.Body.Span));
        if (digit is null)
        {
            var refused = request.CreateResponse(415, "Unsupported Media Type");
            refused.Headers.Add("Accept", AcceptedInfoTypes);
            await info.SendResponseAsync(refused).ConfigureAwait(false);
            return;
        }

        await info.SendResponseAsync(request.CreateResponse(200, "OK")).ConfigureAwait(false);
        if (_bridge is not null && TryRelayAcrossBridge(_bridge, request.CallId, digit.Value))
        {
            return;
        }

        if (request.CallId == CallId)
        {
            DigitReceived(digit.Value);
        }
    }

    // The bridge knows each leg's DTMF mode; a leg it does not hold (a transfer target not yet
    // joined) keeps its digit to itself.
    private bool TryRelayAcrossBridge(MediaBridge bridge, string? callId, char digit)
    {
        var from = callId == CallId ? _callerRtp : FindLeg(callId)?.Rtp;
        if (from is null || !bridge.Holds(from))
        {
            return false;
        }

        _log.Debug("Call {CallId} relays INFO digit {Digit} across the bridge", CallId, digit);
        bridge.RelayDigit(from, digit);
        return true;
    }
}
