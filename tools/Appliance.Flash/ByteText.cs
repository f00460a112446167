using System.Globalization;

namespace Appliance.Flash;

/// <summary>
/// Formats byte counts in decimal units (1 MB = 1,000,000 bytes), the units printed on cards and
/// sticks, so a "16 GB" card reads as about 16 GB here.
/// </summary>
internal static class ByteText
{
    public const double Megabyte = 1_000_000d;

    public static string Megabytes(long bytes) =>
        (bytes / Megabyte).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string Human(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000 => Megabytes(bytes),
        >= 1_000 => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
