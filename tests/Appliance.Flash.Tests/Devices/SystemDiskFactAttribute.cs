using Appliance.Flash.Devices;

namespace Appliance.Flash.Tests.Devices;

/// <summary>
/// A fact that is skipped, with the reason, where / and /boot are on no disk in /sys/block
/// (a container whose root is an overlay or a network filesystem).
/// </summary>
public sealed class SystemDiskFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> s_found = new(
        () => new BlockDeviceScanner("/sys", "/proc/self/mountinfo").Scan().Any(d => d.IsSystemDisk));

    public SystemDiskFactAttribute()
    {
        if (!s_found.Value)
        {
            Skip = "No disk in /sys/block holds / or /boot on this machine.";
        }
    }
}
