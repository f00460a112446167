using System.Security.Cryptography;

namespace Appliance.Flash.Imaging;

/// <summary>
/// The SHA-256 file shipped beside an image, <c>&lt;image&gt;.sha256</c>, in the format of
/// sha256sum(1): 64 hex digits, then optionally two spaces (or " *") and the file name.
/// </summary>
internal static class ImageChecksum
{
    public const int BlockBytes = 4 * 1024 * 1024;

    public static string PathFor(string imagePath) => imagePath + ".sha256";

    /// <summary>
    /// Reads the expected hash; throws <see cref="FlashException"/> (bad image) when the file is
    /// missing or malformed.
    /// </summary>
    public static byte[] ReadExpected(string imagePath)
    {
        var path = PathFor(imagePath);
        if (!File.Exists(path))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The checksum file {path} is missing, so the image cannot be trusted.");
        }

        var text = File.ReadAllText(path).Trim();
        var hex = text.Split([' ', '\t', '\n'], 2)[0];
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The checksum file {path} does not start with a 64-digit SHA-256.");
        }

        return Convert.FromHexString(hex);
    }

    /// <summary>Hashes the whole file in 4 MiB blocks.</summary>
    public static byte[] Compute(string path)
    {
        using var stream = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            bufferSize: 0);
        return SHA256.HashData(stream);
    }

    /// <summary>Checks the image against its checksum file and returns the image hash.</summary>
    public static byte[] Check(string imagePath)
    {
        var expected = ReadExpected(imagePath);
        var actual = Compute(imagePath);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw new FlashException(
                ExitCodes.BadImage,
                $"The image {imagePath} does not match its checksum file {PathFor(imagePath)} "
                + $"(expected {Hex(expected)[..12]}…, found {Hex(actual)[..12]}…); "
                + "copy the image again.");
        }

        return actual;
    }

    public static void Write(string imagePath, byte[] hash) =>
        File.WriteAllText(PathFor(imagePath), $"{Hex(hash)}  {Path.GetFileName(imagePath)}\n");

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
