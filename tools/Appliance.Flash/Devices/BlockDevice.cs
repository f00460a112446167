namespace Appliance.Flash.Devices;

/// <summary>
/// A whole disk as sysfs shows it under /sys/block, with what this machine is doing with it.
/// <see cref="Transport"/> is "usb", "mmc", "loop" or empty for any other bus;
/// <see cref="MountPoints"/> holds every mount of the disk, its partitions, or a device-mapper
/// or RAID device stacked on them.
/// </summary>
internal sealed record BlockDevice(
    string Name,
    long SizeBytes,
    string Vendor,
    string Model,
    string Transport,
    bool IsRemovableFlag,
    IReadOnlyList<string> Partitions,
    IReadOnlyList<string> MountPoints,
    bool IsSystemDisk)
{
    public string DevicePath => "/dev/" + Name;

    /// <summary>A card, stick or reader a technician could mean: what <c>list</c> shows.</summary>
    public bool IsRemovable => IsRemovableFlag || Transport is "usb" or "mmc";

    /// <summary>
    /// Removable disks and loop devices (used by the image build and tests) may be written.
    /// </summary>
    public bool IsFlashable => IsRemovable || Transport == "loop";

    public string Description
    {
        get
        {
            var text = $"{Vendor} {Model}".Trim();
            return text.Length == 0 ? "unknown model" : text;
        }
    }
}
