using System.Security.Cryptography;
using Appliance.Flash.Imaging;

namespace Appliance.Flash.Tests.Imaging;

public sealed class ImageSignatureTests
{
    private static readonly byte[] s_hash = SHA256.HashData("sparklecc image"u8);

    [Theory]
    [InlineData("Ecdsa")]
    [InlineData("Rsa")]
    public void SignatureMadeWithThePrivateKeyVerifiesWithThePublicKey(string algorithm)
    {
        var (privatePem, publicPem) = TestKeys.Pair(algorithm);

        var signature = ImageSignature.Sign(s_hash, privatePem, "image.pem");

        Assert.True(ImageSignature.Verify(s_hash, signature, publicPem, "image.pub.pem"));
    }

    [Theory]
    [InlineData("Ecdsa")]
    [InlineData("Rsa")]
    public void SignatureOfAnotherImageDoesNotVerify(string algorithm)
    {
        var (privatePem, publicPem) = TestKeys.Pair(algorithm);
        var signature = ImageSignature.Sign(SHA256.HashData("another image"u8), privatePem, "image.pem");

        var valid = ImageSignature.Verify(s_hash, signature, publicPem, "image.pub.pem");

        Assert.False(valid);
    }

    [Fact]
    public void SignatureFromAnotherKeyDoesNotVerify()
    {
        var (privatePem, _) = ImageSignature.CreateKeyPair(KeyAlgorithm.Ecdsa);
        var (_, otherPublicPem) = ImageSignature.CreateKeyPair(KeyAlgorithm.Ecdsa);
        var signature = ImageSignature.Sign(s_hash, privatePem, "image.pem");

        var valid = ImageSignature.Verify(s_hash, signature, otherPublicPem, "other.pub.pem");

        Assert.False(valid);
    }

    [Fact]
    public void GarbageSignatureDoesNotVerify()
    {
        var (_, publicPem) = ImageSignature.CreateKeyPair(KeyAlgorithm.Ecdsa);

        var valid = ImageSignature.Verify(s_hash, "not a signature"u8.ToArray(), publicPem, "image.pub.pem");

        Assert.False(valid);
    }

    [Fact]
    public void KeyOnAnotherCurveIsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var pem = p384.ExportSubjectPublicKeyInfoPem();

        var ex = Assert.Throws<FlashException>(() => ImageSignature.Verify(s_hash, [1, 2, 3], pem, "p384.pem"));

        Assert.Equal(ExitCodes.BadImage, ex.ExitCode);
        Assert.Equal("The key p384.pem is on a curve other than P-256.", ex.Message);
    }

    [Fact]
    public void RsaKeyShorterThan2048BitsIsRefused()
    {
        using var rsa = RSA.Create(1024);

        var ex = Assert.Throws<FlashException>(() => ImageSignature.Verify(s_hash, [1], rsa.ExportSubjectPublicKeyInfoPem(), "weak.pem"));

        Assert.Equal("The RSA key weak.pem has 1024 bits; at least 2048 are needed.", ex.Message);
    }

    [Fact]
    public void FileThatIsNotAKeyIsRefusedByName()
    {
        var ex = Assert.Throws<FlashException>(() => ImageSignature.Verify(s_hash, [1, 2, 3], "hello", "notes.txt"));

        Assert.Equal("The public key notes.txt is not a PEM ECDSA P-256 or RSA public key.", ex.Message);
    }
}
