using System.Globalization;
using System.Net;
using System.Text;

namespace Appliance.Board.Network;

/// <summary>
/// Writes the panel's network settings as one systemd-networkd <c>.network</c> file
/// (systemd.network(5)), replacing it whole so networkd never reads half a file.
/// </summary>
public static class NetworkdFile
{
    /// <summary>The file name; "10-" sorts it before the image's catch-all DHCP file.</summary>
    public const string FileName = "10-sparklecc-panel.network";

    /// <summary>The text of the file.</summary>
    public static string Render(string interfaceName, NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        ArgumentNullException.ThrowIfNull(settings);

        var text = new StringBuilder();
        text.Append("# Written by the SparkleCC front panel; changes made here are replaced from it.\n");
        text.Append("[Match]\n").Append("Name=").Append(interfaceName).Append('\n').Append('\n');
        text.Append("[Network]\n");
        if (settings.Dhcp)
        {
            text.Append("DHCP=yes\n");
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"Address={settings.Address}/{settings.PrefixLength}\n");
        if (settings.Gateway is { } gateway)
        {
            text.Append("Gateway=").Append(gateway).Append('\n');
        }

        if (settings.Dns is { } dns)
        {
            text.Append("DNS=").Append(dns).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the file through a temporary and a rename; returns its path.</summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static string Write(string directory, string interfaceName, NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(directory);

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Render(interfaceName, settings), new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Converts a dotted netmask to a prefix length; false when the ones are not contiguous.</summary>
    public static bool TryPrefixLength(IPAddress mask, out int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(mask);

        prefixLength = 0;
        var bytes = mask.GetAddressBytes();
        if (bytes.Length != 4)
        {
            return false;
        }

        var bits = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var ones = System.Numerics.BitOperations.PopCount(bits);
        var contiguous = ones == 0 ? bits == 0 : bits == uint.MaxValue << (32 - ones);
        prefixLength = ones;
        return contiguous;
    }

    /// <summary>
    /// The settings in a file this class wrote, or null when there is none or it cannot be read
    /// back (the menu then starts from DHCP).
    /// </summary>
    public static NetworkSettings? TryRead(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);

        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(directory, FileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        string? Value(string key) => lines
            .Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 1)..].Trim())
            .FirstOrDefault();

        if (string.Equals(Value("DHCP"), "yes", StringComparison.Ordinal))
        {
            return NetworkSettings.FromDhcp;
        }

        var address = Value("Address")?.Split('/');
        if (address is not [var host, var prefixText]
            || !IPAddress.TryParse(host, out var parsed)
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > 32)
        {
            return null;
        }

        IPAddress? Optional(string key) => IPAddress.TryParse(Value(key), out var a) ? a : null;
        return new NetworkSettings(Dhcp: false, parsed, prefix, Optional("Gateway"), Optional("DNS"));
    }
}
