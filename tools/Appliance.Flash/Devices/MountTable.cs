using System.Text;

namespace Appliance.Flash.Devices;

/// <summary>Reads the mount table of this process from a mountinfo file.</summary>
internal static class MountTable
{
    /// <summary>
    /// Reads and parses <paramref name="mountInfoPath"/>; a missing file is an empty table.
    /// </summary>
    public static IReadOnlyList<MountEntry> Read(string mountInfoPath)
    {
        if (!File.Exists(mountInfoPath))
        {
            return [];
        }

        return Parse(File.ReadAllLines(mountInfoPath));
    }

    public static IReadOnlyList<MountEntry> Parse(IEnumerable<string> lines)
    {
        var entries = new List<MountEntry>();
        foreach (var line in lines)
        {
            if (TryParseLine(line, out var entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    // proc(5), /proc/pid/mountinfo: "36 35 98:0 /mnt1 /mnt/parent rw master:1 - ext3 /dev/root rw".
    // Fields 3 and 5 are the device number and the mount point; after the lone "-" come the
    // filesystem type and the mount source. The optional fields before "-" vary in number.
    public static bool TryParseLine(string line, out MountEntry entry)
    {
        entry = default;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var separator = Array.IndexOf(fields, "-");
        if (fields.Length < 5 || separator < 5 || separator + 2 >= fields.Length)
        {
            return false;
        }

        entry = new MountEntry(fields[2], Unescape(fields[4]), Unescape(fields[separator + 2]));
        return true;
    }

    // The kernel writes space, tab, newline and backslash in paths as three-digit octal escapes.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(string field, int start) =>
        start + 3 <= field.Length
        && field[start] is >= '0' and <= '7'
        && field[start + 1] is >= '0' and <= '7'
        && field[start + 2] is >= '0' and <= '7';
}
