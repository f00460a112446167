using System.Globalization;

namespace Appliance.Flash.Devices;

/// <summary>
/// Lists the disks of a sysfs tree and matches them against a mountinfo file. Both paths are
/// given, so tests build a fake tree in a temporary folder; the tool passes /sys and
/// /proc/self/mountinfo. Each call reads the tree afresh; nothing is cached.
/// </summary>
internal sealed class BlockDeviceScanner
{
    // sysfs-block(5): /sys/block/X/size counts 512-byte sectors whatever the logical block size.
    private const long SectorBytes = 512;

    // A holder chain (partition -> dm-crypt -> LVM) is short; the bound only stops a loop.
    private const int MaxHolderDepth = 8;

    private readonly string _sysfsRoot;
    private readonly string _mountInfoPath;

    public BlockDeviceScanner(string sysfsRoot, string mountInfoPath)
    {
        _sysfsRoot = sysfsRoot;
        _mountInfoPath = mountInfoPath;
    }

    private string BlockRoot => Path.Combine(_sysfsRoot, "block");

    /// <summary>Every disk under /sys/block, sorted by name; RAM and zram disks are left out.</summary>
    public IReadOnlyList<BlockDevice> Scan()
    {
        if (!Directory.Exists(BlockRoot))
        {
            return [];
        }

        var mounts = MountTable.Read(_mountInfoPath);
        var devices = new List<BlockDevice>();
        foreach (var directory in Directory.EnumerateFileSystemEntries(BlockRoot)
            .Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith("ram", StringComparison.Ordinal)
                || name.StartsWith("zram", StringComparison.Ordinal))
            {
                continue;
            }

            devices.Add(ReadDevice(name, mounts));
        }

        return devices;
    }

    private BlockDevice ReadDevice(string name, IReadOnlyList<MountEntry> mounts)
    {
        var disk = Path.Combine(BlockRoot, name);
        var partitions = Directory.EnumerateDirectories(disk)
            .Where(d => File.Exists(Path.Combine(d, "partition")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        // Everything that is this disk's data under another name: the disk, its partitions and
        // whatever is stacked on them. A mount of any of them uses the disk.
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        AddWithHolders(disk, name, numbers, names, depth: 0);
        foreach (var partition in partitions)
        {
            AddWithHolders(Path.Combine(disk, partition), partition, numbers, names, depth: 0);
        }

        var used = mounts
            .Where(m => numbers.Contains(m.DeviceNumber) || names.Contains(SourceName(m.Source)))
            .ToList();
        var mountPoints = used.Select(m => m.MountPoint).Distinct(StringComparer.Ordinal).ToList();
        var isSystem = used.Any(m => IsSystemMountPoint(m.MountPoint));

        return new BlockDevice(
            name,
            ReadLong(Path.Combine(disk, "size")) * SectorBytes,
            ReadText(Path.Combine(disk, "device", "vendor")),
            ReadModel(disk),
            ReadTransport(disk, name),
            ReadText(Path.Combine(disk, "removable")) == "1",
            partitions,
            mountPoints,
            isSystem);
    }

    private void AddWithHolders(
        string directory,
        string name,
        HashSet<string> numbers,
        HashSet<string> names,
        int depth)
    {
        if (depth > MaxHolderDepth || !names.Add(name))
        {
            return;
        }

        var number = ReadText(Path.Combine(directory, "dev"));
        if (number.Length > 0)
        {
            numbers.Add(number);
        }

        // Device-mapper devices are mounted as /dev/mapper/<dm/name>, not as dm-N.
        var mapperName = ReadText(Path.Combine(directory, "dm", "name"));
        if (mapperName.Length > 0)
        {
            names.Add(mapperName);
        }

        var holders = Path.Combine(directory, "holders");
        if (!Directory.Exists(holders))
        {
            return;
        }

        foreach (var holder in Directory.EnumerateFileSystemEntries(holders))
        {
            var holderName = Path.GetFileName(holder);
            AddWithHolders(Path.Combine(BlockRoot, holderName), holderName, numbers, names, depth + 1);
        }
    }

    private static bool IsSystemMountPoint(string mountPoint) =>
        mountPoint == "/" || mountPoint == "/boot"
            || mountPoint.StartsWith("/boot/", StringComparison.Ordinal);

    private static string SourceName(string source) =>
        source.StartsWith("/dev/", StringComparison.Ordinal) ? Path.GetFileName(source) : "";

    private static string ReadModel(string disk)
    {
        // A loop device has no hardware; the file behind it is what tells two apart.
        var backingFile = ReadText(Path.Combine(disk, "loop", "backing_file"));
        if (backingFile.Length > 0)
        {
            return "loop over " + backingFile;
        }

        var model = ReadText(Path.Combine(disk, "device", "model"));

        // MMC and SD cards have no model file; the card's product name is device/name.
        return model.Length > 0 ? model : ReadText(Path.Combine(disk, "device", "name"));
    }

    // /sys/block/X is a link into /sys/devices; the bus shows in the path it points to
    // (".../usb2/2-1/...", ".../mmc_host/mmc0/...").
    private static string ReadTransport(string disk, string name)
    {
        if (name.StartsWith("loop", StringComparison.Ordinal))
        {
            return "loop";
        }

        if (name.StartsWith("mmcblk", StringComparison.Ordinal))
        {
            return "mmc";
        }

        var target = ResolvedPath(disk);
        if (target.Contains("/usb", StringComparison.Ordinal))
        {
            return "usb";
        }

        return target.Contains("/mmc", StringComparison.Ordinal) ? "mmc" : "";
    }

    private static string ResolvedPath(string path)
    {
        try
        {
            return Directory.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static long ReadLong(string path) =>
        long.TryParse(ReadText(path), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    private static string ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
