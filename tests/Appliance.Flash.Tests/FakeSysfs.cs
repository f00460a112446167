namespace Appliance.Flash.Tests;

/// <summary>
/// A fake /sys/block tree and mountinfo file in a temporary folder, deleted on Dispose. Disks are
/// added with their sysfs files; USB disks are links into a fake /sys/devices path as on a real
/// machine.
/// </summary>
internal sealed class FakeSysfs : IDisposable
{
    private readonly List<string> _mountLines = [];
    private int _nextMountId = 20;

    public FakeSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "sparklecc-flash-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "sys", "block"));
        File.WriteAllText(MountInfoPath, "");
    }

    public string Root { get; }

    public string SysfsRoot => Path.Combine(Root, "sys");

    public string MountInfoPath => Path.Combine(Root, "mountinfo");

    public FakeSysfs Disk(
        string name,
        string number,
        long sizeBytes,
        bool removable = false,
        string bus = "",
        string vendor = "",
        string model = "")
    {
        var directory = Path.Combine(SysfsRoot, "block", name);
        if (bus.Length > 0)
        {
            var real = Path.Combine(SysfsRoot, "devices", "pci0000:00", bus + "1", "1-1", "host6", "block", name);
            Directory.CreateDirectory(real);
            Directory.CreateSymbolicLink(directory, real);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(Path.Combine(directory, "dev"), number + "\n");
        File.WriteAllText(Path.Combine(directory, "size"), (sizeBytes / 512) + "\n");
        File.WriteAllText(Path.Combine(directory, "removable"), removable ? "1\n" : "0\n");
        Directory.CreateDirectory(Path.Combine(directory, "device"));
        Directory.CreateDirectory(Path.Combine(directory, "holders"));
        File.WriteAllText(Path.Combine(directory, "device", "vendor"), vendor.PadRight(8) + "\n");
        File.WriteAllText(Path.Combine(directory, "device", "model"), model.PadRight(16) + "\n");
        return this;
    }

    public FakeSysfs Partition(string disk, string name, string number)
    {
        var directory = Path.Combine(SysfsRoot, "block", disk, name);
        Directory.CreateDirectory(Path.Combine(directory, "holders"));
        File.WriteAllText(Path.Combine(directory, "dev"), number + "\n");
        File.WriteAllText(Path.Combine(directory, "partition"), name[^1] + "\n");
        return this;
    }

    /// <summary>A device-mapper device (dm-crypt, LVM) stacked on a disk or partition.</summary>
    public FakeSysfs Mapper(string under, string name, string number, string mapperName)
    {
        var directory = Path.Combine(SysfsRoot, "block", name);
        Directory.CreateDirectory(Path.Combine(directory, "dm"));
        Directory.CreateDirectory(Path.Combine(directory, "holders"));
        File.WriteAllText(Path.Combine(directory, "dev"), number + "\n");
        File.WriteAllText(Path.Combine(directory, "size"), "0\n");
        File.WriteAllText(Path.Combine(directory, "dm", "name"), mapperName + "\n");
        File.WriteAllText(Path.Combine(SysfsRoot, "block", under, "holders", name), "");
        return this;
    }

    public FakeSysfs Mount(string number, string mountPoint, string source, string type = "ext4")
    {
        var id = _nextMountId++;
        _mountLines.Add($"{id} 1 {number} / {mountPoint} rw,relatime shared:{id} - {type} {source} rw");
        File.WriteAllLines(MountInfoPath, _mountLines);
        return this;
    }

    public FlashEnvironment Environment(TextWriter output, TextWriter error, string answer = "") => new()
    {
        SysfsRoot = SysfsRoot,
        MountInfoPath = MountInfoPath,
        Output = output,
        Error = error,
        Input = new StringReader(answer),
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
