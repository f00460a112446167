namespace Appliance.Media.Srtp;

/// <summary>
/// The SRTP crypto suites of RFC 4568 §6.2 that the box speaks: AES in counter mode with a
/// 128-bit key and HMAC-SHA1 authentication (RFC 3711 §4.1.1, §4.2.1), differing only in the
/// length of the tag on SRTP packets. SRTCP carries an 80-bit tag with both.
/// </summary>
public enum SrtpSuite
{
    /// <summary>AES_CM_128_HMAC_SHA1_80: an 80-bit tag on every packet.</summary>
    AesCm128HmacSha1Tag80,

    /// <summary>AES_CM_128_HMAC_SHA1_32: a 32-bit tag on SRTP, 80 bits on SRTCP.</summary>
    AesCm128HmacSha1Tag32,
}
