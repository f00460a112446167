using Appliance.Flash.Devices;

namespace Appliance.Flash.Writing;

/// <summary>
/// Opens devices and plain files with an unbuffered <see cref="FileStream"/> (no O_DIRECT, so any
/// block length is accepted). Devices are opened without truncation; plain files are created or
/// truncated.
/// </summary>
internal sealed class FileTargetOpener : ITargetOpener
{
    public Stream OpenWrite(FlashTarget target)
    {
        var mode = target.IsDevice ? FileMode.Open : FileMode.Create;
        return new FileStream(target.Path, mode, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    public Stream OpenRead(FlashTarget target) =>
        new FileStream(target.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

    public void Settle(Stream written)
    {
        if (written is not FileStream file)
        {
            written.Flush();
            return;
        }

        // fsync(2): returns once the card has the data; a pulled card fails here as EIO.
        file.Flush(flushToDisk: true);
        NativeMethods.DropCachedPages(file.SafeFileHandle);
    }
}
