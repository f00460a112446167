using System.Globalization;
using Appliance.Drivers.Gsm;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Configuration;

/// <summary>
/// One GSM/4G module of <c>Pstn:Gsm:N:*</c>: its AT port, its serial PCM voice port, the SIM's
/// PIN, its AT dialect, the trunk group it joins and the DID its calls take. Every field is
/// checked at start-up; a mistake names its key (<c>Pstn:Gsm:0:Pin</c>).
/// </summary>
public sealed class GsmModuleSettings
{
    /// <summary>The settings of one module, as written after <c>Pstn:Gsm:N:</c>.</summary>
    internal static readonly string[] Fields =
        ["Name", "Port", "BaudRate", "VoicePort", "VoiceBaudRate", "Pin", "Style", "Group", "Did", "SmsMode",
         "SmsPartsTimeout"];

    /// <summary>Where the module's settings are (<c>Pstn:Gsm:0</c>), for messages.</summary>
    internal string Key { get; init; } = "";

    /// <summary>The port name in trunk groups, the status screens and call records.</summary>
    public required string Name { get; init; }

    /// <summary>The module's AT command port (/dev/ttyUSB2 on a Quectel EC25).</summary>
    public required string Port { get; init; }

    public int BaudRate { get; init; } = 115200;

    /// <summary>The serial port the call's 8 kHz 16-bit PCM crosses (/dev/ttyUSB4 with QPCMV).</summary>
    public required string VoicePort { get; init; }

    public int VoiceBaudRate { get; init; } = 115200;

    /// <summary>The SIM's PIN, sent only when the SIM asks; null when it has none.</summary>
    public string? Pin { get; init; }

    public GsmModuleStyle Style { get; init; } = GsmModuleStyle.Quectel;

    /// <summary>PDU mode for SMS when the module offers it (the default), or text mode only.</summary>
    public SmsMode SmsMode { get; init; } = SmsMode.Pdu;

    /// <summary>How long the parts of a long incoming message may take before it is stored
    /// incomplete.</summary>
    public TimeSpan SmsPartsTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The trunk group the module joins; null puts it with the other GSM ports in
    /// "gsm" (or wherever <c>Pstn:Groups</c> names it).</summary>
    public string? Group { get; init; }

    /// <summary>The DID inbound calls on this module take; null takes <c>Pstn:LineDid</c>.</summary>
    public string? Did { get; init; }

    /// <exception cref="ConfigurationException">A field is missing, unknown or invalid, or two
    /// modules share a name or a port; every key at fault is named.</exception>
    public static IReadOnlyList<GsmModuleSettings> LoadAll(IConfiguration configuration)
    {
        var problems = new ConfigurationProblems();
        var modules = LoadAll(configuration, problems);
        problems.ThrowIfAny();
        return modules;
    }

    /// <summary>The modules whose settings hold; each mistake goes to <paramref name="problems"/>
    /// and leaves its module out.</summary>
    internal static IReadOnlyList<GsmModuleSettings> LoadAll(IConfiguration configuration, ConfigurationProblems problems)
    {
        var modules = new List<GsmModuleSettings>();
        var index = 0;
        foreach (var section in configuration.GetSection("Pstn:Gsm").GetChildren())
        {
            // Pstn:Gsm:x:Port is a typo for a number; naming its missing VoicePort would mislead.
            if (!int.TryParse(section.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Add(section.Path, $"'{section.Key}' is not a module number (0 for the first module)");
                index++;
                continue;
            }

            var module = problems.Read(() => Load(configuration, section, index), null);
            index++;
            if (module is null)
            {
                continue;
            }

            if (modules.Any(m => string.Equals(m.Name, module.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{section.Path}:Name", $"'{module.Name}' names two modules");
                continue;
            }

            // The key named is the one whose device is already taken, so the admin edits the right line.
            var taken = modules.SelectMany(m => new[] { m.Port, m.VoicePort }).ToHashSet(StringComparer.Ordinal);
            if (taken.Contains(module.Port))
            {
                problems.Add($"{section.Path}:Port", $"'{module.Port}' is already used by another module");
                continue;
            }

            if (taken.Contains(module.VoicePort) || module.Port == module.VoicePort)
            {
                problems.Add($"{section.Path}:VoicePort", $"'{module.VoicePort}' is already used as a module's port");
                continue;
            }

            modules.Add(module);
        }

        return modules;
    }

    private static GsmModuleSettings Load(IConfiguration configuration, IConfigurationSection section, int index)
    {
        var read = new ConfigurationReader(configuration);
        var key = section.Path;
        foreach (var child in section.GetChildren())
        {
            if (!Fields.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigurationException(
                    child.Path, $"is not a module setting (known: {string.Join(", ", Fields)})");
            }
        }

        var name = read.String($"{key}:Name", $"mobile-{index}");
        if (name.Length > 31 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ConfigurationException($"{key}:Name", $"'{name}' is not letters, digits and dashes");
        }

        var pin = read.String($"{key}:Pin", "");
        if (pin.Length > 0 && (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)))
        {
            throw new ConfigurationException($"{key}:Pin", "a SIM PIN is 4 to 8 digits");
        }

        var group = read.String($"{key}:Group", "");
        if (!group.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ConfigurationException($"{key}:Group", $"'{group}' is not letters, digits and dashes");
        }

        var did = ApplianceSettings.Did(configuration, read, $"{key}:Did");

        return new GsmModuleSettings
        {
            Key = key,
            Name = name,
            Port = DevicePath(read, $"{key}:Port"),
            BaudRate = read.Int($"{key}:BaudRate", 115200, 1200, 4000000),
            VoicePort = DevicePath(read, $"{key}:VoicePort"),
            VoiceBaudRate = read.Int($"{key}:VoiceBaudRate", 115200, 1200, 4000000),
            Pin = pin.Length == 0 ? null : pin,
            Style = read.Choice($"{key}:Style", GsmModuleStyle.Quectel),
            SmsMode = read.Choice($"{key}:SmsMode", SmsMode.Pdu),
            SmsPartsTimeout = read.Duration(
                $"{key}:SmsPartsTimeout", TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            Group = group.Length == 0 ? null : group,
            Did = did.Length == 0 ? null : did,
        };
    }

    private static string DevicePath(ConfigurationReader read, string key)
    {
        var path = read.String(key, "");
        if (path.Length == 0)
        {
            throw new ConfigurationException(key, "is missing (the module's serial device, such as /dev/ttyUSB2)");
        }

        if (!Path.IsPathFullyQualified(path))
        {
            throw new ConfigurationException(key, $"'{path}' is not an absolute device path");
        }

        return path;
    }
}
