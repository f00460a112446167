using Appliance.Flash.Devices;

namespace Appliance.Flash.Tests.Devices;

/// <summary>The tool against this machine's own /sys, /proc/self/mountinfo and loop devices.</summary>
[Trait("Category", "Integration")]
public sealed class RealDeviceTests : IDisposable
{
    private readonly SignedImage _image = new((9 * 1024 * 1024) + 512);

    [LoopDeviceFact]
    public void ImageWrittenToALoopDeviceReadsBackAndVerifies()
    {
        using var loop = LoopDevice.Attach(16 * 1024 * 1024);

        var write = Run("write", _image.ImagePath, loop.DevicePath, "--yes", "--public-key", _image.PublicKeyPath);
        var verify = Run("verify", _image.ImagePath, loop.DevicePath);

        Assert.Equal(0, write.ExitCode);
        Assert.StartsWith($"Wrote 9.4 MB to {loop.DevicePath}", write.Output, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
    }

    [LoopDeviceFact]
    public void AttachedLoopDeviceIsNamedByItsBackingFile()
    {
        using var loop = LoopDevice.Attach(1024 * 1024);

        var device = new BlockDeviceScanner("/sys", "/proc/self/mountinfo").Scan().Single(d => d.DevicePath == loop.DevicePath);

        Assert.Equal("loop", device.Transport);
        Assert.Equal("loop over " + loop.BackingFile, device.Description);
    }

    [LoopDeviceFact]
    public void LoopDeviceSmallerThanTheImageIsRefused()
    {
        using var loop = LoopDevice.Attach(8 * 1024 * 1024);

        var write = Run("write", _image.ImagePath, loop.DevicePath, "--yes", "--public-key", _image.PublicKeyPath);

        Assert.Equal(ExitCodes.RefusedTarget, write.ExitCode);
        Assert.Contains($"The target {loop.DevicePath} holds 8.4 MB but the image needs 9.4 MB", write.Error, StringComparison.Ordinal);
    }

    [SystemDiskFact]
    public void DiskHoldingThisMachinesRootIsRefused()
    {
        var scanner = new BlockDeviceScanner("/sys", "/proc/self/mountinfo");
        var system = scanner.Scan().First(d => d.IsSystemDisk);

        var ex = Assert.Throws<FlashException>(() => new TargetGuard(scanner).Check(system.DevicePath, _image.ImagePath, 1));

        Assert.Equal(ExitCodes.RefusedTarget, ex.ExitCode);
    }

    private static FlashRun Run(params string[] args) => FlashRun.Of((o, e) => new FlashEnvironment { Output = o, Error = e }, args);

    public void Dispose() => _image.Dispose();
}
