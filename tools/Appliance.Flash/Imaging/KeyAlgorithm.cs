namespace Appliance.Flash.Imaging;

/// <summary>The signature algorithms an image may be signed with.</summary>
internal enum KeyAlgorithm
{
    /// <summary>
    /// ECDSA on NIST P-256, DER-encoded signature (what <c>openssl dgst -sha256 -sign</c> makes).
    /// </summary>
    Ecdsa,

    /// <summary>RSA PKCS#1 v1.5 with SHA-256, keys of 2048 bits or more.</summary>
    Rsa,
}
