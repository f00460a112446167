using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Board.Profiles;

/// <summary>
/// The board profiles shipped inside the assembly (Profiles/*.json) and the choice between them:
/// by name, or <c>auto</c> from the device tree model string.
/// </summary>
public static class BoardProfiles
{
    public const string VirtualName = "virtual";
    public const string GenericName = "generic-x64";
    public const string Auto = "auto";

    /// <summary>Where Linux exposes the board's model string (NUL-terminated).</summary>
    public const string DeviceTreeModelPath = "/proc/device-tree/model";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new HexAddressConverter() },
    };

    private static readonly Lazy<IReadOnlyList<BoardProfile>> s_embedded = new(LoadEmbedded);

    /// <summary>Every shipped profile.</summary>
    public static IReadOnlyList<BoardProfile> All => s_embedded.Value;

    /// <summary>The profile with this name.</summary>
    /// <exception cref="ArgumentException">No profile has that name; the known ones are listed.</exception>
    public static BoardProfile Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"no board profile is named '{name}'; known: {Auto}, {string.Join(", ", All.Select(p => p.Name))}",
                nameof(name));
    }

    /// <summary>
    /// The profile a setting asks for; <c>auto</c> reads the model string and takes the first
    /// profile whose model prefix matches, else the generic x64 box.
    /// </summary>
    /// <param name="setting">A profile name or <c>auto</c>.</param>
    /// <param name="modelPath">The device tree model file; tests point it at a temp file.</param>
    /// <exception cref="ArgumentException">The setting names no profile.</exception>
    public static BoardProfile Choose(string setting, string modelPath = DeviceTreeModelPath)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (!string.Equals(setting, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return Find(setting);
        }

        var model = ReadModel(modelPath);
        if (model is not null)
        {
            foreach (var profile in All)
            {
                if (profile.Models.Any(m => model.StartsWith(m, StringComparison.OrdinalIgnoreCase)))
                {
                    return profile;
                }
            }
        }

        return Find(GenericName);
    }

    /// <summary>The model string without its trailing NUL, or null when there is none.</summary>
    public static string? ReadModel(string modelPath)
    {
        try
        {
            var text = File.ReadAllText(modelPath).TrimEnd('\0', '\n', ' ');
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads one profile from JSON.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a complete profile.</exception>
    public static BoardProfile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BoardProfile>(json, s_json)
                ?? throw new InvalidDataException("a board profile cannot be null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the board profile is not valid: {ex.Message}", ex);
        }
    }

    private static List<BoardProfile> LoadEmbedded()
    {
        var assembly = typeof(BoardProfiles).Assembly;
        var profiles = new List<BoardProfile>();
        var names = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal));
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            profiles.Add(Parse(reader.ReadToEnd()));
        }

        return profiles;
    }

    /// <summary>I2C addresses are written "0x27" in the files, as on the datasheets.</summary>
    private sealed class HexAddressConverter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetInt32();
            }

            var text = reader.GetString() ?? string.Empty;
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            {
                return hex;
            }

            throw new JsonException($"'{text}' is not a number or a 0x hexadecimal number");
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value);
    }
}
