using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Appliance.Sip.Tests.Torture;

/// <summary>
/// Loads a torture message written in the notation of RFC 4475 §2: lines end in LF in the file
/// and CRLF on the wire, <c>&lt;hex&gt;..&lt;/hex&gt;</c> stands for raw octets and
/// <c>&lt;repeat count=N&gt;..&lt;/repeat&gt;</c> for a string written N times.
/// </summary>
internal static partial class TortureFile
{
    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Folder, "*.sip").Select(Path.GetFileNameWithoutExtension).Order()!;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Torture");

    public static byte[] Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name + ".sip"), Encoding.UTF8)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("\n", "\r\n", StringComparison.Ordinal);
        text = Repeat().Replace(text, m => string.Concat(
            Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))));

        var bytes = new List<byte>(text.Length);
        var rest = text.AsSpan();
        while (true)
        {
            var open = rest.IndexOf("<hex>", StringComparison.Ordinal);
            if (open < 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(rest.ToString()));
                return [.. bytes];
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(rest[..open].ToString()));
            rest = rest[(open + 5)..];
            var close = rest.IndexOf("</hex>", StringComparison.Ordinal);
            bytes.AddRange(Convert.FromHexString(rest[..close]));
            rest = rest[(close + 6)..];
        }
    }

    [GeneratedRegex("<repeat count=(\\d+)>(.*?)</repeat>", RegexOptions.Singleline)]
    private static partial Regex Repeat();
}
