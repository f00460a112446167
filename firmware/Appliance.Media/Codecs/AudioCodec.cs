namespace Appliance.Media.Codecs;

/// <summary>
/// The audio codecs the media engine encodes and decodes. The value of each member is the
/// codec's static RTP payload type (RFC 3551 §6, table 4), so it can be written into an RTP
/// header or an SDP m-line as it is; Opus has none (RFC 7587 §7) and its value is the dynamic
/// payload type we offer it on.
/// </summary>
public enum AudioCodec
{
    /// <summary>G.711 µ-law, 8 kHz, one byte per sample.</summary>
    Pcmu = 0,

    /// <summary>G.711 A-law, 8 kHz, one byte per sample.</summary>
    Pcma = 8,

    /// <summary>G.722 at 64 kbit/s, 16 kHz audio, one byte per two samples; RTP clock 8000
    /// (RFC 3551 §4.5.2).</summary>
    G722 = 9,

    /// <summary>Opus (RFC 6716), mono here; RTP clock 48000 whatever the audio bandwidth
    /// (RFC 7587 §4.1).</summary>
    Opus = 111,
}
