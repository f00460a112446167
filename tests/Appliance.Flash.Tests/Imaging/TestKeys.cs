using System.Security.Cryptography;
using Appliance.Flash.Imaging;

namespace Appliance.Flash.Tests.Imaging;

/// <summary>
/// Key pairs for signature tests, made once per run. The RSA pair is 2048 bits, the smallest the
/// tool accepts: making the tool's own 3072-bit keys takes seconds on this machine.
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<(string PrivatePem, string PublicPem)> s_rsa = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    public static (string PrivatePem, string PublicPem) Pair(string algorithm) =>
        Enum.Parse<KeyAlgorithm>(algorithm) == KeyAlgorithm.Rsa ? s_rsa.Value : ImageSignature.CreateKeyPair(KeyAlgorithm.Ecdsa);
}
