namespace Appliance.Media.Srtp;

/// <summary>Why an SRTP or SRTCP packet was refused, or that it was accepted.</summary>
public enum SrtpUnprotectResult
{
    /// <summary>Authenticated, fresh and decrypted.</summary>
    Ok,

    /// <summary>Shorter than its header and tag, or not RTP/RTCP at all.</summary>
    Malformed,

    /// <summary>The tag does not match: altered in transit, or keyed with other keys.</summary>
    AuthenticationFailed,

    /// <summary>Already received, or older than the replay window (RFC 3711 §3.3.2).</summary>
    Replayed,
}
