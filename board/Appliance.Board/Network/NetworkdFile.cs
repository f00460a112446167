using System.Globalization;
using System.Net;
using System.Text;

namespace Appliance.Board.Network;

/// <summary>
/// Writes the box's network settings (from the front panel or the web page) as one
/// systemd-networkd <c>.network</c> file (systemd.network(5)), replacing it whole so networkd
/// never reads half a file; both read it back from here, so they always agree.
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
        text.Append("# Written by SparkleCC (front panel or web page); changes here are replaced.\n");
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

        // systemd.network(5): DNS= may be given more than once; the servers are asked in order.
        foreach (var dns in settings.Dns)
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

        var path = Path.Combine(directory, FileName);
        AtomicFile.Write(path, Render(interfaceName, settings));
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

        if (AtomicFile.TryReadLines(Path.Combine(directory, FileName)) is not { } lines)
        {
            return null;
        }

        IEnumerable<string> Values(string key) => lines
            .Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 1)..].Trim());
        string? Value(string key) => Values(key).FirstOrDefault();

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
        var dns = Values("DNS")
            .SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(v => IPAddress.TryParse(v, out var a) ? a : null)
            .OfType<IPAddress>()
            .ToList();
        return new NetworkSettings(Dhcp: false, parsed, prefix, Optional("Gateway"), dns);
    }
}
