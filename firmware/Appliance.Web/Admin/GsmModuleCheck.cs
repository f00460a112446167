using System.Globalization;
using Appliance.Web.Api;

namespace Appliance.Web.Admin;

/// <summary>
/// Checks the GSM modules of the <c>/pstn</c> form (<c>Pstn:Gsm:N:Field</c>) the way the service
/// reads them at start (<c>GsmModuleSettings</c>), so saved modules never stop the box from
/// starting: each mistake is added under its full key, such as <c>Pstn:Gsm:0:Pin</c>.
/// </summary>
internal static class GsmModuleCheck
{
    /// <summary>A module's settings, in the page's order.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "Name", "Port", "BaudRate", "VoicePort", "VoiceBaudRate", "Pin", "Style", "Group", "Did", "SmsMode",
        "SmsPartsTimeout",
    ];

    /// <summary>The module numbers the page offers: 0 to this less one.</summary>
    public const int MaxModules = 8;

    private static readonly string[] s_styles = ["Quectel", "Simcom"];
    private static readonly string[] s_smsModes = ["Pdu", "Text"];

    /// <summary>True when <paramref name="key"/> is <c>Pstn:Gsm:N:Field</c> with N below
    /// <see cref="MaxModules"/> and a field of <see cref="Fields"/> (as written there).</summary>
    public static bool TryParse(string key, out int module, out string field)
    {
        module = -1;
        field = "";
        var parts = key.Split(':');
        if (parts is not ["Pstn", "Gsm", var number, var name]
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out module)
            || module >= MaxModules || number.Length != 1 || !Fields.Contains(name))
        {
            return false;
        }

        field = name;
        return true;
    }

    public static string Key(int module, string field) =>
        string.Create(CultureInfo.InvariantCulture, $"Pstn:Gsm:{module}:{field}");

    /// <summary>
    /// Checks every module that has a setting in <paramref name="settings"/> (what the next start
    /// will run with, by full key). <paramref name="pinGiven"/> holds the modules whose PIN the
    /// form sets; a PIN already saved or configured was checked when it was.
    /// </summary>
    public static void Check(FieldErrors errors, IReadOnlyDictionary<string, string> settings, IReadOnlySet<int> pinGiven)
    {
        var modules = settings.Keys
            .Select(k => TryParse(k, out var m, out _) ? m : -1)
            .Where(m => m >= 0 && Fields.Any(f => settings.GetValueOrDefault(Key(m, f), "").Length > 0))
            .Distinct()
            .Order()
            .ToList();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var devices = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            string Value(string field) => settings.GetValueOrDefault(Key(module, field), "");
            var name = Value("Name").Length > 0 ? Value("Name") : $"mobile-{module}";
            if (name.Length > 31 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add(Key(module, "Name"), $"'{name}' is not letters, digits and dashes (31 at most)");
            }
            else if (!names.TryAdd(name, module))
            {
                errors.Add(Key(module, "Name"), $"'{name}' is the name of module {names[name]} too");
            }

            foreach (var field in new[] { "Port", "VoicePort" })
            {
                var path = Value(field);
                if (path.Length == 0)
                {
                    errors.Add(Key(module, field), "is required: the module's serial device, such as /dev/ttyUSB2");
                }
                else if (!Path.IsPathFullyQualified(path))
                {
                    errors.Add(Key(module, field), $"'{path}' is not an absolute device path");
                }
                else if (!devices.TryAdd(path, module))
                {
                    errors.Add(Key(module, field), $"'{path}' is already a port of module {devices[path]}");
                }
            }

            foreach (var field in new[] { "BaudRate", "VoiceBaudRate" })
            {
                var text = Value(field);
                if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var baud)
                    || baud is < 1200 or > 4000000))
                {
                    errors.Add(Key(module, field), $"'{text}' is not a whole number from 1200 to 4000000");
                }
            }

            var pin = Value("Pin");
            if (pinGiven.Contains(module) && (pin.Length is < 4 or > 8 || !pin.All(char.IsAsciiDigit)))
            {
                errors.Add(Key(module, "Pin"), "a SIM PIN is 4 to 8 digits");
            }

            Choice(errors, Key(module, "Style"), Value("Style"), s_styles);
            Choice(errors, Key(module, "SmsMode"), Value("SmsMode"), s_smsModes);
            var group = Value("Group");
            if (!group.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors.Add(Key(module, "Group"), $"'{group}' is not letters, digits and dashes");
            }

            var did = Value("Did");
            if (did.Length > 20 || !did.All(char.IsAsciiDigit))
            {
                errors.Add(Key(module, "Did"), $"'{did}' is not a number of up to 20 digits");
            }

            var timeout = Value("SmsPartsTimeout");
            if (timeout.Length > 0 && (!TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var parts)
                || parts < TimeSpan.FromSeconds(1) || parts > TimeSpan.FromHours(1)))
            {
                errors.Add(Key(module, "SmsPartsTimeout"), $"'{timeout}' is not a duration from 00:00:01 to 01:00:00");
            }
        }
    }

    private static void Choice(FieldErrors errors, string key, string value, string[] choices)
    {
        if (value.Length > 0 && !choices.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(key, $"'{value}' is not one of {string.Join(", ", choices)}");
        }
    }
}
