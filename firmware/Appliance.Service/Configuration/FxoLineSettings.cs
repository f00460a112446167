using Appliance.Drivers.Cards;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Configuration;

/// <summary>
/// One FXO line of <c>Pstn:Fxo:N:*</c>, N counting the card's FXO ports from 0 in the card's
/// order: whether the card cancels the line's echo, and the longest echo it covers. A line
/// without a section keeps the card's default, on with 128 ms. A mistake names its key
/// (<c>Pstn:Fxo:0:EchoTailMs</c>).
/// </summary>
public sealed class FxoLineSettings
{
    private static readonly string[] s_fields = ["EchoCancel", "EchoTailMs"];

    /// <summary>N of <c>Pstn:Fxo:N</c>: the line's place among the card's FXO ports.</summary>
    public required int Index { get; init; }

    public bool EchoCancel { get; init; } = true;

    /// <summary>The canceller's tail in ms, 8 to 256: longer covers a more distant hybrid and
    /// learns more slowly.</summary>
    public int EchoTailMs { get; init; } = 128;

    /// <exception cref="ConfigurationException">A field is unknown or invalid, or N is not a
    /// number; every key at fault is named.</exception>
    public static IReadOnlyList<FxoLineSettings> LoadAll(IConfiguration configuration)
    {
        var problems = new ConfigurationProblems();
        var lines = LoadAll(configuration, problems);
        problems.ThrowIfAny();
        return lines;
    }

    /// <summary>The lines whose settings hold; each mistake goes to <paramref name="problems"/>
    /// and leaves its line out. Whether the card has the line is checked once it is open.</summary>
    internal static IReadOnlyList<FxoLineSettings> LoadAll(IConfiguration configuration, ConfigurationProblems problems)
    {
        var lines = new List<FxoLineSettings>();
        var read = new ConfigurationReader(configuration);
        foreach (var section in configuration.GetSection("Pstn:Fxo").GetChildren())
        {
            if (!int.TryParse(section.Key, out var index) || index is < 0 or > 63)
            {
                problems.Add(section.Path, "is not an FXO line number (0 for the first FXO port)");
                continue;
            }

            var before = problems.All.Count;
            foreach (var child in section.GetChildren())
            {
                if (!s_fields.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(child.Path, $"is not an FXO line setting (known: {string.Join(", ", s_fields)})");
                }
            }

            var line = new FxoLineSettings
            {
                Index = index,
                EchoCancel = problems.Read(
                    () => read.String($"{section.Path}:EchoCancel", "true").ToLowerInvariant() switch
                    {
                        "true" or "on" => true,
                        "false" or "off" => false,
                        var other => throw new ConfigurationException(
                            $"{section.Path}:EchoCancel", $"'{other}' is not on or off"),
                    },
                    true),
                EchoTailMs = problems.Read(
                    () => read.Int(
                        $"{section.Path}:EchoTailMs", 128, TelephonyCard.MinEchoTailMs, TelephonyCard.MaxEchoTailMs),
                    128),
            };
            if (problems.All.Count == before)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
