using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Configuration;

/// <summary>The signalling an E1 span of the telephony card runs.</summary>
public enum SpanSignalling
{
    /// <summary>ISDN PRI with the box as the user side (Q.931 CPE), the default.</summary>
    PriCpe,

    /// <summary>ISDN PRI with the box as the network side.</summary>
    PriNet,

    /// <summary>MFC/R2: CAS line signalling (Q.421/Q.422) and compelled MF register signalling.</summary>
    R2,
}

/// <summary>
/// One E1 span of <c>Pstn:Spans:N:*</c> (N is the span's port number on the card): its signalling
/// and, for R2, openr2's variant, how many calling and called digits to ask for and the calling
/// party category of outbound calls. Checked at start-up; a mistake names its key. The settings
/// reach the native library as <c>&amp;spanN=...</c> options of the simulated card's URI.
/// </summary>
public sealed class SpanSettings
{
    private static readonly string[] s_fields = ["Signalling", "R2Variant", "MaxAni", "MaxDnis", "Category"];

    /// <summary>openr2's variant codes (ITU-T Q.441 and the national variants it implements).</summary>
    private static readonly string[] s_variants =
        ["CN", "ITU", "AR", "BR", "CZ", "CO", "EC", "ID", "MX", "PH", "VE"];

    /// <summary>Calling party categories (Group II signals), as configured and as openr2 names them.</summary>
    private static readonly Dictionary<string, string> s_categories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["national-subscriber"] = "NATIONAL_SUBSCRIBER",
        ["national-priority-subscriber"] = "NATIONAL_PRIORITY_SUBSCRIBER",
        ["international-subscriber"] = "INTERNATIONAL_SUBSCRIBER",
        ["international-priority-subscriber"] = "INTERNATIONAL_PRIORITY_SUBSCRIBER",
        ["collect-call"] = "COLLECT_CALL",
        ["test-equipment"] = "TEST_EQUIPMENT",
    };

    public required int Span { get; init; }

    public SpanSignalling Signalling { get; init; } = SpanSignalling.PriCpe;

    public string R2Variant { get; init; } = "CN";

    public int MaxAni { get; init; } = 10;

    public int MaxDnis { get; init; } = 4;

    public string Category { get; init; } = "national-subscriber";

    /// <exception cref="ConfigurationException">A span number, field or value is not valid; every
    /// key at fault is named.</exception>
    public static IReadOnlyList<SpanSettings> LoadAll(IConfiguration configuration)
    {
        var problems = new ConfigurationProblems();
        var spans = LoadAll(configuration, problems);
        problems.ThrowIfAny();
        return spans;
    }

    /// <summary>The spans whose settings hold; each mistake goes to <paramref name="problems"/>
    /// and leaves its span out.</summary>
    internal static IReadOnlyList<SpanSettings> LoadAll(IConfiguration configuration, ConfigurationProblems problems)
    {
        var spans = new List<SpanSettings>();
        foreach (var section in configuration.GetSection("Pstn:Spans").GetChildren())
        {
            if (!int.TryParse(section.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var span) ||
                span > 15)
            {
                problems.Add(section.Path, $"'{section.Key}' is not a span number 0-15");
                continue;
            }

            if (Load(configuration, section, span, problems) is { } settings)
            {
                spans.Add(settings);
            }
        }

        return spans;
    }

    /// <summary>The card URI with the spans' signalling added as <c>span&lt;N&gt;=</c> options, which
    /// the simulated and the DAHDI card both take (on DAHDI, N is the DAHDI span number).</summary>
    public static string CardUri(string cardUri, IReadOnlyList<SpanSettings> spans)
    {
        var configured = spans.Where(s => s.Signalling != SpanSignalling.PriCpe).ToList();
        if (configured.Count == 0)
        {
            return cardUri;
        }

        var options = string.Concat(configured.Select(s => $"&span{s.Span}={s.NativeOption()}"));
        return cardUri.Contains('?', StringComparison.Ordinal) ? cardUri + options : cardUri + "?" + options[1..];
    }

    private string NativeOption() => Signalling switch
    {
        SpanSignalling.PriNet => "pri-net",
        SpanSignalling.R2 => string.Create(
            CultureInfo.InvariantCulture, $"r2/{R2Variant}/{MaxAni}/{MaxDnis}/{s_categories[Category]}"),
        _ => "pri-cpe",
    };

    private static SpanSettings? Load(
        IConfiguration configuration,
        IConfigurationSection section,
        int span,
        ConfigurationProblems problems)
    {
        var read = new ConfigurationReader(configuration);
        var key = section.Path;
        var before = problems.All.Count;
        foreach (var child in section.GetChildren())
        {
            if (!s_fields.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(child.Path, $"is not a span setting (known: {string.Join(", ", s_fields)})");
            }
        }

        var signalling = problems.Read(
            () => read.String($"{key}:Signalling", "pri-cpe").ToLowerInvariant() switch
            {
                "pri-cpe" => SpanSignalling.PriCpe,
                "pri-net" => SpanSignalling.PriNet,
                "r2" => SpanSignalling.R2,
                var other => throw new ConfigurationException(
                    $"{key}:Signalling", $"'{other}' is not pri-cpe, pri-net or r2"),
            },
            SpanSignalling.PriCpe);

        var variant = problems.Read(() => read.String($"{key}:R2Variant", "CN").ToUpperInvariant(), "CN");
        if (!s_variants.Contains(variant, StringComparer.Ordinal))
        {
            problems.Add($"{key}:R2Variant", $"'{variant}' is not one of {string.Join(", ", s_variants)}");
        }

        var category = problems.Read(() => read.String($"{key}:Category", "national-subscriber"), "national-subscriber");
        if (!s_categories.ContainsKey(category))
        {
            problems.Add($"{key}:Category", $"'{category}' is not one of {string.Join(", ", s_categories.Keys)}");
        }

        var settings = new SpanSettings
        {
            Span = span,
            Signalling = signalling,
            R2Variant = variant,
            MaxAni = problems.Read(() => read.Int($"{key}:MaxAni", 10, 0, 40), 10),
            MaxDnis = problems.Read(() => read.Int($"{key}:MaxDnis", 4, 1, 40), 4),
            Category = category.ToLowerInvariant(),
        };

        // The R2 fields mean nothing to Q.931: one given on a PRI span is a mistake, not a no-op
        // (after the values themselves, so a bad value is named as such).
        // PRI has no field of its own that an R2 span could be given by mistake.
        if (signalling != SpanSignalling.R2 && !problems.Has($"{key}:Signalling"))
        {
            foreach (var field in s_fields.Skip(1).Where(f => configuration[$"{key}:{f}"] is not null))
            {
                problems.Add(
                    $"{key}:{field}",
                    $"belongs to an R2 span (Signalling: r2), and span {span} is {NameOf(signalling)}");
            }
        }

        return problems.All.Count == before ? settings : null;
    }

    private static string NameOf(SpanSignalling signalling) => signalling switch
    {
        SpanSignalling.PriNet => "pri-net",
        SpanSignalling.R2 => "r2",
        _ => "pri-cpe",
    };
}
