namespace Appliance.Service.Board;

/// <summary>The serial number the Version screen shows.</summary>
internal static class BoardIdentity
{
    /// <summary>
    /// The SoC serial from the device tree on a Raspberry Pi, else the first twelve characters of
    /// the systemd machine id, else "unknown".
    /// </summary>
    public static string ReadSerial()
    {
        foreach (var (path, length) in new[] { ("/proc/device-tree/serial-number", 32), ("/etc/machine-id", 12) })
        {
            try
            {
                var text = File.ReadAllText(path).Trim('\0', '\n', ' ');
                if (text.Length > 0)
                {
                    return text[..Math.Min(length, text.Length)];
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not this kind of box; try the next source.
            }
        }

        return "unknown";
    }
}
