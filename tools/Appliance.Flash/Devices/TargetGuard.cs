namespace Appliance.Flash.Devices;

/// <summary>
/// Decides whether an image may be written to a target and refuses with a
/// <see cref="FlashException"/> (<see cref="ExitCodes.RefusedTarget"/>) when it may not: the disk
/// holding / or /boot, a disk with any mounted partition, a fixed disk, a partition, a disk with
/// no medium, or one smaller than the image. Paths outside /dev are plain files and are allowed,
/// except under /proc and /sys and the image itself.
/// </summary>
internal sealed class TargetGuard
{
    private readonly BlockDeviceScanner _scanner;

    public TargetGuard(BlockDeviceScanner scanner)
    {
        _scanner = scanner;
    }

    public FlashTarget Check(string target, string imagePath, long imageBytes)
    {
        var fullPath = Path.GetFullPath(target);
        if (fullPath.StartsWith("/proc/", StringComparison.Ordinal)
            || fullPath.StartsWith("/sys/", StringComparison.Ordinal))
        {
            throw Refuse($"The target {target} is a kernel file, not a disk or a plain file.");
        }

        if (!fullPath.StartsWith("/dev/", StringComparison.Ordinal))
        {
            if (string.Equals(fullPath, Path.GetFullPath(imagePath), StringComparison.Ordinal))
            {
                throw Refuse($"The target {target} is the image itself.");
            }

            return FlashTarget.PlainFile(fullPath);
        }

        var devicePath = FollowLinks(fullPath);
        var device = FindDisk(target, Path.GetFileName(devicePath));
        CheckDevice(target, device, imageBytes);
        return new FlashTarget(devicePath, device);
    }

    /// <summary>Finds a disk for reading it back; no refusal beyond "not a disk".</summary>
    public FlashTarget Find(string target)
    {
        var fullPath = Path.GetFullPath(target);
        if (!fullPath.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return FlashTarget.PlainFile(fullPath);
        }

        var devicePath = FollowLinks(fullPath);
        return new FlashTarget(devicePath, FindDisk(target, Path.GetFileName(devicePath)));
    }

    private BlockDevice FindDisk(string target, string name)
    {
        var devices = _scanner.Scan();
        var disk = devices.FirstOrDefault(d => d.Name == name);
        if (disk is not null)
        {
            return disk;
        }

        var parent = devices.FirstOrDefault(d => d.Partitions.Contains(name));
        if (parent is not null)
        {
            throw Refuse(
                $"The target {target} is a partition of {parent.DevicePath}; "
                + $"give the whole disk {parent.DevicePath}.");
        }

        throw Refuse(
            $"The target {target} is not a disk on this machine; "
            + "run 'sparklecc-flash list' to see the cards.");
    }

    private static void CheckDevice(string target, BlockDevice device, long imageBytes)
    {
        if (device.IsSystemDisk)
        {
            throw Refuse($"The target {target} holds the running system (/ or /boot); it is never written.");
        }

        if (device.MountPoints.Count > 0)
        {
            var mounted = string.Join(", ", device.MountPoints);
            throw Refuse($"The target {target} has mounted partitions ({mounted}); unmount them first.");
        }

        if (!device.IsFlashable)
        {
            throw Refuse(
                $"The target {target} ({device.Description}) is a fixed disk, "
                + "not a removable card or USB stick.");
        }

        if (device.SizeBytes == 0)
        {
            throw Refuse($"The target {target} has no medium; insert a card.");
        }

        if (device.SizeBytes < imageBytes)
        {
            throw Refuse(
                $"The target {target} holds {ByteText.Human(device.SizeBytes)} but the image needs "
                + $"{ByteText.Human(imageBytes)}; use a larger card.");
        }
    }

    // /dev/disk/by-id/usb-... names are links to /dev/sdX; sysfs knows only the final name.
    private static string FollowLinks(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static FlashException Refuse(string message) => new(ExitCodes.RefusedTarget, message);
}
