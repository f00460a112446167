using Appliance.Media.Engine;
using Appliance.Media.Srtp;
using Appliance.Sip.Sdp;

namespace Appliance.Telephony.Calls;

/// <summary>
/// SRTP for a caller who offers RTP/SAVP (RFC 3711 §12) keyed by SDES (RFC 4568): the first
/// offered a=crypto line the media engine can use keys what we receive, and a fresh key of the
/// same tag and suite, sent back in the answer, keys what we send. The agent leg stays plain
/// RTP; the bridge joins them on decoded audio.
/// </summary>
internal sealed partial class Call
{
    // Before ConfigureRtp, so that not one packet leaves in the clear.
    private bool TryKeySrtp(RtpEndpoint rtp, SdpSession offer, SdpSession answer, out string error)
    {
        error = string.Empty;
        var index = answer.Media.FindIndex(m => m.Port != 0);
        if (index < 0 || index >= offer.Media.Count || !SdpNegotiator.IsSecure(answer.Media[index]))
        {
            return true;
        }

        var offered = offer.Media[index].Attributes
            .Where(a => string.Equals(a.Key, "crypto", StringComparison.OrdinalIgnoreCase) && a.Value is not null)
            .Select(a => a.Value!);
        if (!SdesNegotiation.TryAnswer(offered, out var theirs, out var ours, out error))
        {
            return false;
        }

        answer.Media[index].Attributes.Add(new("crypto", ours!.ToString()));
        rtp.UseSrtp(sending: ours, receiving: theirs);
        _log.Information(
            "Call {CallId} media is SRTP with {SrtpSuite}",
            CallId,
            SdesCrypto.SuiteName(ours.Suite));
        return true;
    }
}
