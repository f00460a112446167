using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Sip.Sdp;

namespace Appliance.Telephony.Negotiation;

/// <summary>
/// Joins the SDP's codec names (Appliance.Sip) to the media engine's codecs (Appliance.Media),
/// which do not know each other.
/// </summary>
internal static class SdpCodecs
{
    /// <summary>The engine's codec for a name of <see cref="SdpNegotiator.Preference"/>.</summary>
    public static AudioCodec FromName(string name) => name.ToUpperInvariant() switch
    {
        "PCMA" => AudioCodec.Pcma,
        "G722" => AudioCodec.G722,
        "OPUS" => AudioCodec.Opus,
        _ => AudioCodec.Pcmu,
    };

    /// <summary>The SDP name of a leg's codec, for an offer on the other leg; null when unset.</summary>
    public static string? NameOf(AudioCodec? codec) => codec switch
    {
        AudioCodec.Pcmu => "PCMU",
        AudioCodec.Pcma => "PCMA",
        AudioCodec.G722 => "G722",
        AudioCodec.Opus => "OPUS",
        _ => null,
    };

    /// <summary>Points the leg at the negotiated stream: codec, payload types, ptime and the
    /// RTCP address of a=rtcp.</summary>
    public static void Configure(RtpEndpoint rtp, NegotiatedMedia media) =>
        rtp.Configure(
            media.RemoteRtp,
            FromName(media.Codec),
            media.PayloadType,
            media.TelephoneEventPayloadType,
            media.PtimeMs,
            media.RemoteRtcp);
}
