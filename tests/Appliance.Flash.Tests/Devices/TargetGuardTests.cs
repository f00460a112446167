using Appliance.Flash.Devices;

namespace Appliance.Flash.Tests.Devices;

public sealed class TargetGuardTests : IDisposable
{
    private const long Gigabyte = 1_000_000_000;
    private const long ImageBytes = 2 * Gigabyte;
    private readonly FakeSysfs _sysfs = new();

    public TargetGuardTests()
    {
        // A laptop: the system on an NVMe disk, a USB stick, an SD card in a reader.
        _sysfs.Disk("nvme0n1", "259:0", 512 * Gigabyte, model: "Samsung SSD 980")
            .Partition("nvme0n1", "nvme0n1p1", "259:1")
            .Partition("nvme0n1", "nvme0n1p2", "259:2")
            .Mount("259:2", "/", "/dev/nvme0n1p2")
            .Mount("259:1", "/boot/efi", "/dev/nvme0n1p1", "vfat")
            .Disk("sdb", "8:16", 16 * Gigabyte, removable: true, bus: "usb", vendor: "SanDisk", model: "Ultra")
            .Partition("sdb", "sdb1", "8:17")
            .Disk("mmcblk0", "179:0", 8 * Gigabyte);
    }

    private TargetGuard Guard => new(new BlockDeviceScanner(_sysfs.SysfsRoot, _sysfs.MountInfoPath));

    [Fact]
    public void DiskHoldingTheRootFilesystemIsRefused()
    {
        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/nvme0n1", "/tmp/image", ImageBytes));

        Assert.Equal(ExitCodes.RefusedTarget, ex.ExitCode);
        Assert.Equal("The target /dev/nvme0n1 holds the running system (/ or /boot); it is never written.", ex.Message);
    }

    [Fact]
    public void DiskHoldingOnlyBootIsRefusedAsSystemDisk()
    {
        _sysfs.Disk("sdc", "8:32", 32 * Gigabyte, removable: true, bus: "usb")
            .Partition("sdc", "sdc1", "8:33")
            .Mount("8:33", "/boot", "/dev/sdc1");

        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdc", "/tmp/image", ImageBytes));

        Assert.Contains("holds the running system", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DiskWithMountedPartitionIsRefusedNamingTheMountPoint()
    {
        _sysfs.Mount("8:17", "/media/tech/CARD", "/dev/sdb1", "vfat");

        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdb", "/tmp/image", ImageBytes));

        Assert.Equal(ExitCodes.RefusedTarget, ex.ExitCode);
        Assert.Equal("The target /dev/sdb has mounted partitions (/media/tech/CARD); unmount them first.", ex.Message);
    }

    [Fact]
    public void DiskMountedThroughDeviceMapperIsRefused()
    {
        _sysfs.Mapper("sdb/sdb1", "dm-0", "254:0", "secure").Mount("254:0", "/mnt/secure", "/dev/mapper/secure");

        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdb", "/tmp/image", ImageBytes));

        Assert.Contains("(/mnt/secure)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MountWithoutDeviceNumberIsMatchedBySourceName()
    {
        _sysfs.Mount("0:45", "/media/usb", "/dev/sdb1", "btrfs");

        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdb", "/tmp/image", ImageBytes));

        Assert.Contains("(/media/usb)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceSmallerThanTheImageIsRefusedWithBothSizes()
    {
        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/mmcblk0", "/tmp/image", 10 * Gigabyte));

        Assert.Equal(ExitCodes.RefusedTarget, ex.ExitCode);
        Assert.Equal("The target /dev/mmcblk0 holds 8.0 GB but the image needs 10.0 GB; use a larger card.", ex.Message);
    }

    [Fact]
    public void FixedDiskThatHoldsNothingMountedIsStillRefused()
    {
        _sysfs.Disk("sda", "8:0", 1000 * Gigabyte, vendor: "ATA", model: "WDC WD10EZEX");

        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sda", "/tmp/image", ImageBytes));

        Assert.Equal("The target /dev/sda (ATA WDC WD10EZEX) is a fixed disk, not a removable card or USB stick.", ex.Message);
    }

    [Fact]
    public void PartitionIsRefusedNamingItsDisk()
    {
        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdb1", "/tmp/image", ImageBytes));

        Assert.Equal("The target /dev/sdb1 is a partition of /dev/sdb; give the whole disk /dev/sdb.", ex.Message);
    }

    [Fact]
    public void UnknownDeviceIsRefused()
    {
        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdz", "/tmp/image", ImageBytes));

        Assert.Contains("/dev/sdz is not a disk on this machine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CardReaderWithoutCardIsRefused()
    {
        _sysfs.Disk("sdd", "8:48", 0, removable: true, bus: "usb");

        var ex = Assert.Throws<FlashException>(() => Guard.Check("/dev/sdd", "/tmp/image", ImageBytes));

        Assert.Equal("The target /dev/sdd has no medium; insert a card.", ex.Message);
    }

    [Fact]
    public void UnmountedUsbStickLargeEnoughIsAccepted()
    {
        var target = Guard.Check("/dev/sdb", "/tmp/image", ImageBytes);

        Assert.True(target.IsDevice);
        Assert.Equal("/dev/sdb", target.Path);
        Assert.Equal(16 * Gigabyte, target.Device!.SizeBytes);
    }

    [Fact]
    public void PlainFileIsAcceptedButNotTheImageItself()
    {
        var accepted = Guard.Check("/tmp/out.img", "/tmp/image", ImageBytes);
        var ex = Assert.Throws<FlashException>(() => Guard.Check("/tmp/image", "/tmp/image", ImageBytes));

        Assert.False(accepted.IsDevice);
        Assert.Equal("The target /tmp/image is the image itself.", ex.Message);
    }

    public void Dispose() => _sysfs.Dispose();
}
