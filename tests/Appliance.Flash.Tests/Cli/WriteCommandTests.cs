using System.Runtime.Versioning;
using Appliance.Flash.Imaging;
using Appliance.Flash.Tests.Writing;

namespace Appliance.Flash.Tests.Cli;

/// <summary>The write, verify, sign and list commands end to end, against plain files and a fake sysfs tree.</summary>
[Trait("Category", "Integration")]
public sealed class WriteCommandTests : IDisposable
{
    private const int ImageBytes = ImageBytesMiB * 1024 * 1024;
    private const int ImageBytesMiB = 5;

    private readonly FakeSysfs _sysfs = new();
    private readonly SignedImage _image = new(ImageBytes);

    private string Target => _image.PathIn("card.img");

    [Fact]
    public void ImageWrittenToAFileVerifiesAgainstIt()
    {
        var write = Run("write", _image.ImagePath, Target, "--public-key", _image.PublicKeyPath);
        var verify = Run("verify", _image.ImagePath, Target);

        Assert.Equal(0, write.ExitCode);
        Assert.DoesNotContain("sparklecc-flash:", write.Error, StringComparison.Ordinal);
        Assert.StartsWith($"Wrote 5.2 MB to {Target} in ", write.Output, StringComparison.Ordinal);
        Assert.Equal(_image.Bytes, File.ReadAllBytes(Target));
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith($"{Target} holds {_image.ImagePath}: 5.2 MB, SHA-256 ", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyOfAFileHoldingSomethingElseIsAMismatch()
    {
        var other = new byte[ImageBytes];
        File.WriteAllBytes(Target, other);

        var verify = Run("verify", _image.ImagePath, Target);

        Assert.Equal(ExitCodes.Mismatch, verify.ExitCode);
        Assert.Contains($"The target {Target} does not hold the image {_image.ImagePath}.", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageWhoseHashDoesNotMatchItsChecksumFileIsNotWritten()
    {
        using (var stream = File.OpenWrite(_image.ImagePath))
        {
            stream.WriteByte(0x42);
        }

        var write = Run("write", _image.ImagePath, Target, "--public-key", _image.PublicKeyPath);

        Assert.Equal(ExitCodes.BadImage, write.ExitCode);
        Assert.Contains($"The image {_image.ImagePath} does not match its checksum file", write.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public void ImageSignedByAnotherKeyIsNotWritten()
    {
        var (_, otherPublic) = ImageSignature.CreateKeyPair(KeyAlgorithm.Ecdsa);
        var otherKey = _image.PathIn("other.pub.pem");
        File.WriteAllText(otherKey, otherPublic);

        var write = Run("write", _image.ImagePath, Target, "--public-key", otherKey);

        Assert.Equal(ExitCodes.BadImage, write.ExitCode);
        Assert.Contains($"The signature {_image.ImagePath}.sig does not sign this image with the key {otherKey}", write.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public void ImageWithoutSignatureIsNotWritten()
    {
        File.Delete(ImageSignature.PathFor(_image.ImagePath));

        var write = Run("write", _image.ImagePath, Target, "--public-key", _image.PublicKeyPath);

        Assert.Equal(ExitCodes.BadImage, write.ExitCode);
        Assert.Contains($"The signature file {_image.ImagePath}.sig is missing", write.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingFileIsNotOverwrittenWithoutYes()
    {
        File.WriteAllText(Target, "keep me");

        var write = FlashRun.Of((o, e) => _sysfs.Environment(o, e, answer: "no\n"), "write", _image.ImagePath, Target, "--public-key", _image.PublicKeyPath);

        Assert.Equal(ExitCodes.RefusedTarget, write.ExitCode);
        Assert.Contains("Type 'yes' to go on", write.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Target));
    }

    [Fact]
    public void SystemDiskIsRefusedBeforeTheImageIsRead()
    {
        _sysfs.Disk("sda", "8:0", 100_000_000_000).Mount("8:0", "/", "/dev/sda");

        var write = Run("write", _image.ImagePath, "/dev/sda", "--yes", "--public-key", _image.PublicKeyPath);

        Assert.Equal(ExitCodes.RefusedTarget, write.ExitCode);
        Assert.Equal("sparklecc-flash: The target /dev/sda holds the running system (/ or /boot); it is never written.\n", write.Error);
    }

    [Fact]
    public void PulledCardExitsWithDeviceFailure()
    {
        _sysfs.Disk("sdb", "8:16", 16_000_000_000, removable: true, bus: "usb");
        var opener = new FaultyTargetOpener { FailWriteAfterBytes = (4 * 1024 * 1024) + 100 };

        var write = FlashRun.Of(
            (o, e) => new FlashEnvironment
            {
                SysfsRoot = _sysfs.SysfsRoot,
                MountInfoPath = _sysfs.MountInfoPath,
                Output = o,
                Error = e,
                Opener = opener,
            },
            "write", _image.ImagePath, "/dev/sdb", "--yes", "--public-key", _image.PublicKeyPath);

        Assert.Equal(ExitCodes.DeviceFailure, write.ExitCode);
        Assert.Contains("sparklecc-flash: The device /dev/sdb went away after 4.2 MB were written", write.Error, StringComparison.Ordinal);
        Assert.Equal("", write.Output);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void SignWithNewKeyMakesFilesThatWriteAccepts()
    {
        var image = _image.PathIn("fresh.img");
        File.WriteAllBytes(image, _image.Bytes);
        var key = _image.PathIn("build.pem");

        var sign = Run("sign", image, "--key", key, "--new-key");
        var write = Run("write", image, Target, "--public-key", _image.PathIn("build.pub.pem"));

        Assert.Equal(0, sign.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.True(File.Exists(image + ".sha256"));
        Assert.Equal(0, write.ExitCode);
    }

    [Fact]
    public void ListShowsRemovableDisksWithSizeModelAndState()
    {
        _sysfs.Disk("nvme0n1", "259:0", 512_000_000_000).Mount("259:0", "/", "/dev/nvme0n1")
            .Disk("sdb", "8:16", 15_931_539_456, removable: true, bus: "usb", vendor: "SanDisk", model: "Cruzer Blade")
            .Partition("sdb", "sdb1", "8:17")
            .Mount("8:17", "/media/usb", "/dev/sdb1")
            .Disk("mmcblk0", "179:0", 31_914_983_424);

        var list = Run("list");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(
            [
                "DEVICE              SIZE  BUS   MODEL                        STATE",
                "/dev/mmcblk0     31.9 GB  mmc   unknown model                ready",
                "/dev/sdb         15.9 GB  usb   SanDisk Cruzer Blade         mounted: /media/usb",
            ],
            list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void MissingArgumentIsBadUsage()
    {
        var run = Run("write", _image.ImagePath);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Run 'sparklecc-flash --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsTheExitCodes()
    {
        var help = Run("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("3  target refused: system disk, mounted, too small", help.Output, StringComparison.Ordinal);
        Assert.Contains("5  write or read failure part way (card pulled, I/O error)", help.Output, StringComparison.Ordinal);
    }

    private FlashRun Run(params string[] args) => FlashRun.Of((o, e) => _sysfs.Environment(o, e), args);

    public void Dispose()
    {
        _image.Dispose();
        _sysfs.Dispose();
    }
}
