using System.Security.Cryptography;

namespace Appliance.Flash.Imaging;

/// <summary>
/// Detached signatures over an image's SHA-256. The signature is over the hash, as
/// <c>openssl dgst -sha256 -sign key.pem -out image.sig image</c> makes it, so either tool can sign
/// and either can check. Public keys are PEM SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"); private
/// keys PEM PKCS#8 or the traditional EC/RSA forms.
/// </summary>
internal static class ImageSignature
{
    private const int MinimumRsaBits = 2048;
    private const int NewRsaBits = 3072;

    // SEC 2 §2.4.2: secp256r1 (NIST P-256).
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static string PathFor(string imagePath) => imagePath + ".sig";

    /// <summary>
    /// Throws <see cref="FlashException"/> (bad image) unless the signature file signs the hash with
    /// the key.
    /// </summary>
    public static void Check(byte[] imageSha256, string signaturePath, string publicKeyPath)
    {
        if (!File.Exists(signaturePath))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The signature file {signaturePath} is missing, so the image cannot be trusted.");
        }

        if (!File.Exists(publicKeyPath))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The public key {publicKeyPath} is missing; pass --public-key.");
        }

        var signature = File.ReadAllBytes(signaturePath);
        var pem = File.ReadAllText(publicKeyPath);
        if (!Verify(imageSha256, signature, pem, publicKeyPath))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The signature {signaturePath} does not sign this image with the key {publicKeyPath}; "
                + "do not use this image.");
        }
    }

    public static bool Verify(byte[] imageSha256, byte[] signature, string publicKeyPem, string keyName)
    {
        var ecdsa = TryImportEcdsa(publicKeyPem);
        if (ecdsa is not null)
        {
            using (ecdsa)
            {
                RequireP256(ecdsa, keyName);
                return ecdsa.VerifyHash(imageSha256, signature, DSASignatureFormat.Rfc3279DerSequence);
            }
        }

        using var rsa = TryImportRsa(publicKeyPem)
            ?? throw new FlashException(
                ExitCodes.BadImage,
                $"The public key {keyName} is not a PEM ECDSA P-256 or RSA public key.");
        RequireRsaSize(rsa, keyName);
        return rsa.VerifyHash(imageSha256, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public static byte[] Sign(byte[] imageSha256, string privateKeyPem, string keyName)
    {
        var ecdsa = TryImportEcdsa(privateKeyPem);
        if (ecdsa is not null)
        {
            using (ecdsa)
            {
                RequireP256(ecdsa, keyName);
                return ecdsa.SignHash(imageSha256, DSASignatureFormat.Rfc3279DerSequence);
            }
        }

        using var rsa = TryImportRsa(privateKeyPem)
            ?? throw new FlashException(
                ExitCodes.BadImage,
                $"The private key {keyName} is not a PEM ECDSA P-256 or RSA private key.");
        RequireRsaSize(rsa, keyName);
        return rsa.SignHash(imageSha256, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>
    /// Makes a new key pair and returns (private PKCS#8 PEM, public SubjectPublicKeyInfo PEM).
    /// </summary>
    public static (string PrivatePem, string PublicPem) CreateKeyPair(KeyAlgorithm algorithm)
    {
        if (algorithm == KeyAlgorithm.Rsa)
        {
            using var rsa = RSA.Create(NewRsaBits);
            return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ecdsa.ExportPkcs8PrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem());
    }

    private static ECDsa? TryImportEcdsa(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return ecdsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            return null;
        }
    }

    private static RSA? TryImportRsa(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            return null;
        }
    }

    private static void RequireP256(ECDsa ecdsa, string keyName)
    {
        if (ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256Oid)
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The key {keyName} is on a curve other than P-256.");
        }
    }

    private static void RequireRsaSize(RSA rsa, string keyName)
    {
        if (rsa.KeySize < MinimumRsaBits)
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The RSA key {keyName} has {rsa.KeySize} bits; at least {MinimumRsaBits} are needed.");
        }
    }
}
