namespace Appliance.Flash.Devices;

/// <summary>
/// Where an image goes: a whole disk under /dev that passed <see cref="TargetGuard"/>, or a plain
/// file (for tests and for building disk images). <see cref="Path"/> is the path as opened, after
/// any /dev/disk/by-id link was followed; <see cref="Device"/> is null for a plain file.
/// </summary>
internal sealed record FlashTarget(string Path, BlockDevice? Device)
{
    public bool IsDevice => Device is not null;

    public static FlashTarget PlainFile(string path) => new(System.IO.Path.GetFullPath(path), null);
}
