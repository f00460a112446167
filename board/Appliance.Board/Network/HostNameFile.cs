namespace Appliance.Board.Network;

/// <summary>
/// The host name the box takes at boot, kept as one line in the network folder. On the image the
/// boot script <c>/usr/lib/sparklecc/firstboot.sh</c> sets the kernel's host name from it (the
/// root file system, and so <c>/etc/hostname</c>, is read-only), and
/// <c>sparklecc-system-settings.path</c> sets it at once when the file changes (docs/image.md).
/// </summary>
public static class HostNameFile
{
    public const string FileName = "hostname";

    /// <summary>Writes the name through a temporary and a rename; returns the file's path.</summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static string Write(string directory, string hostName)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);

        var path = Path.Combine(directory, FileName);
        AtomicFile.Write(path, hostName + "\n");
        return path;
    }

    /// <summary>The saved host name, or null when none was saved.</summary>
    public static string? TryRead(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);

        var first = AtomicFile.TryReadLines(Path.Combine(directory, FileName))?.FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(first) ? null : first;
    }
}
