using Appliance.Flash.Imaging;

namespace Appliance.Flash.Tests.Imaging;

public sealed class ImageChecksumTests : IDisposable
{
    private readonly SignedImage _image = new(4096);

    [Fact]
    public void ImageMatchingItsChecksumFileReturnsItsHash()
    {
        var hash = ImageChecksum.Check(_image.ImagePath);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(_image.Bytes), hash);
    }

    [Fact]
    public void ChecksumFileIsInSha256sumFormat()
    {
        var text = File.ReadAllText(ImageChecksum.PathFor(_image.ImagePath));

        Assert.Matches("^[0-9a-f]{64}  sparklecc.img\n$", text);
    }

    [Fact]
    public void ChangedImageIsRefusedNamingBothFiles()
    {
        File.AppendAllText(_image.ImagePath, "x");

        var ex = Assert.Throws<FlashException>(() => ImageChecksum.Check(_image.ImagePath));

        Assert.Equal(ExitCodes.BadImage, ex.ExitCode);
        Assert.StartsWith($"The image {_image.ImagePath} does not match its checksum file {_image.ImagePath}.sha256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedChecksumFileIsRefused()
    {
        File.WriteAllText(ImageChecksum.PathFor(_image.ImagePath), "deadbeef  sparklecc.img\n");

        var ex = Assert.Throws<FlashException>(() => ImageChecksum.Check(_image.ImagePath));

        Assert.Contains("does not start with a 64-digit SHA-256", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _image.Dispose();
}
