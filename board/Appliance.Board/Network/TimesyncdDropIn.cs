using System.Text;

namespace Appliance.Board.Network;

/// <summary>
/// The NTP servers as a systemd-timesyncd drop-in (timesyncd.conf(5): files in
/// <c>timesyncd.conf.d/</c> override the main file; <c>NTP=</c> takes a space-separated list).
/// It lives in the network folder; the image links <c>/etc/systemd/timesyncd.conf.d</c> to its
/// <c>timesyncd.conf.d</c> there. No servers removes the drop-in, so timesyncd falls back to the
/// servers it was built with and those DHCP hands out.
/// </summary>
public static class TimesyncdDropIn
{
    public const string FolderName = "timesyncd.conf.d";

    public const string FileName = "50-sparklecc.conf";

    /// <summary>The drop-in's path inside <paramref name="directory"/>.</summary>
    public static string PathIn(string directory) =>
        Path.Combine(directory ?? throw new ArgumentNullException(nameof(directory)), FolderName, FileName);

    public static string Render(IReadOnlyList<string> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);

        var text = new StringBuilder();
        text.Append("# Written by SparkleCC (web page /network); changes here are replaced.\n");
        text.Append("[Time]\n").Append("NTP=").AppendJoin(' ', servers).Append('\n');
        return text.ToString();
    }

    /// <summary>Writes the servers, or removes the drop-in when there are none; returns its path.</summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static string Write(string directory, IReadOnlyList<string> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);

        var path = PathIn(directory);
        if (servers.Count == 0)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        else
        {
            AtomicFile.Write(path, Render(servers));
        }

        return path;
    }

    /// <summary>The servers in the drop-in; empty when there is none.</summary>
    public static IReadOnlyList<string> Read(string directory)
    {
        var lines = AtomicFile.TryReadLines(PathIn(directory)) ?? [];
        return lines
            .Where(l => l.StartsWith("NTP=", StringComparison.Ordinal))
            .SelectMany(l => l[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
