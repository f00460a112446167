namespace Appliance.Sip.Auth;

/// <summary>The hash of a digest exchange (RFC 7616 §3.4.2, RFC 8760 §2.2 for SIP).</summary>
public enum DigestAlgorithm
{
    /// <summary>"MD5", the RFC 2617 default every SIP phone speaks.</summary>
    Md5,

    /// <summary>"SHA-256" (RFC 8760), offered first to the UAs that know it.</summary>
    Sha256,
}
