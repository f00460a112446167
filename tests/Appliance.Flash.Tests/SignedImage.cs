using System.Security.Cryptography;
using Appliance.Flash.Imaging;

namespace Appliance.Flash.Tests;

/// <summary>
/// A random image in a temporary folder with its .sha256, its .sig and the public key, as the
/// image build ships them. Deleted with the folder on Dispose.
/// </summary>
internal sealed class SignedImage : IDisposable
{
    public SignedImage(int sizeBytes, KeyAlgorithm algorithm = KeyAlgorithm.Ecdsa)
    {
        Folder = Path.Combine(Path.GetTempPath(), "sparklecc-flash-image-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        ImagePath = Path.Combine(Folder, "sparklecc.img");
        PublicKeyPath = Path.Combine(Folder, "image.pub.pem");
        PrivateKeyPath = Path.Combine(Folder, "image.pem");

        Bytes = new byte[sizeBytes];
        RandomNumberGenerator.Fill(Bytes);
        File.WriteAllBytes(ImagePath, Bytes);

        var (privatePem, publicPem) = ImageSignature.CreateKeyPair(algorithm);
        File.WriteAllText(PrivateKeyPath, privatePem);
        File.WriteAllText(PublicKeyPath, publicPem);
        var hash = SHA256.HashData(Bytes);
        ImageChecksum.Write(ImagePath, hash);
        File.WriteAllBytes(ImageSignature.PathFor(ImagePath), ImageSignature.Sign(hash, privatePem, PrivateKeyPath));
    }

    public string Folder { get; }

    public string ImagePath { get; }

    public string PublicKeyPath { get; }

    public string PrivateKeyPath { get; }

    public byte[] Bytes { get; }

    public string PathIn(string name) => Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
