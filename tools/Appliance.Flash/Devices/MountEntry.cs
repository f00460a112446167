namespace Appliance.Flash.Devices;

/// <summary>
/// One line of /proc/self/mountinfo: the device number as "major:minor" (0:N for filesystems
/// without a block device, such as btrfs subvolumes), where it is mounted, and the mount source.
/// </summary>
internal readonly record struct MountEntry(string DeviceNumber, string MountPoint, string Source);
