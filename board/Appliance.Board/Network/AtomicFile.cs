using System.Text;

namespace Appliance.Board.Network;

/// <summary>Replaces a settings file whole: the text goes to a temporary beside it, which is then
/// renamed over it, so a reader (networkd, timesyncd, the boot script) never sees half a file.</summary>
internal static class AtomicFile
{
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file's lines, or null when it does not exist or cannot be read.</summary>
    public static string[]? TryReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
