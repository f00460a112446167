using Appliance.Flash.Devices;

namespace Appliance.Flash.Tests.Devices;

public sealed class BlockDeviceScannerTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();

    [Fact]
    public void UsbDiskWithoutRemovableFlagIsRemovableByItsBus()
    {
        _sysfs.Disk("sdb", "8:16", 64_000_000_000, removable: false, bus: "usb", vendor: "Kingston", model: "DataTraveler");

        var device = Assert.Single(new BlockDeviceScanner(_sysfs.SysfsRoot, _sysfs.MountInfoPath).Scan());

        Assert.Equal("usb", device.Transport);
        Assert.True(device.IsRemovable);
        Assert.Equal(64_000_000_000, device.SizeBytes);
        Assert.Equal("Kingston DataTraveler", device.Description);
    }

    [Fact]
    public void MountPointWithEscapedSpaceIsDecoded()
    {
        var parsed = MountTable.TryParseLine(
            @"40 27 8:17 / /media/tech/MY\040CARD rw,nosuid shared:3 master:1 - vfat /dev/sdb1 rw",
            out var entry);

        Assert.True(parsed);
        Assert.Equal(new MountEntry("8:17", "/media/tech/MY CARD", "/dev/sdb1"), entry);
    }

    [Fact]
    public void MalformedMountInfoLineIsSkipped()
    {
        var entries = MountTable.Parse(["garbage", "27 1 254:0 / / rw - ext4 /dev/vda rw"]);

        Assert.Equal("/", Assert.Single(entries).MountPoint);
    }

    public void Dispose() => _sysfs.Dispose();
}
