namespace Appliance.Media.Codecs;

/// <summary>
/// The audio codecs the media engine encodes and decodes. The value of each member is the
/// codec's static RTP payload type (RFC 3551 §6, table 4), so it can be written into an RTP
/// header or an SDP m-line as it is.
/// </summary>
public enum AudioCodec
{
    /// <summary>G.711 µ-law, 8 kHz, one byte per sample.</summary>
    Pcmu = 0,

    /// <summary>G.711 A-law, 8 kHz, one byte per sample.</summary>
    Pcma = 8,
}
