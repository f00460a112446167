using Appliance.Service.Configuration;
using Appliance.Storage;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Web.Pstn;

/// <summary>
/// The PSTN settings an admin saved on <c>/pstn</c> (table <c>Setting</c>, keys <c>Pstn:...</c>):
/// laid over appsettings, environment and command line at start, so the saved value is the one
/// the gateway runs with. They are read once; a change needs a restart.
/// </summary>
internal static class PstnOverrides
{
    /// <summary>The keys <c>/pstn</c> edits, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "Pstn:LineDid",
        "Pstn:Groups",
        "Pstn:Routes",
        "Pstn:SipTrunks",
        "Pstn:FxoCallerId",
        "Pstn:FxoFromLineGainDb",
        "Pstn:FxoToLineGainDb",
    ];

    /// <summary>True for a key the page edits: one of <see cref="Keys"/> or a GSM module's
    /// setting, <c>Pstn:Gsm:N:Field</c>.</summary>
    public static bool IsEditable(string key)
    {
        if (Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = key.Split(':');
        return parts.Length == 4
            && string.Equals(parts[0] + ":" + parts[1], "Pstn:Gsm", StringComparison.OrdinalIgnoreCase)
            && parts[2].Length is > 0 and < 3 && parts[2].All(char.IsAsciiDigit)
            && GsmModuleSettings.Fields.Contains(parts[3], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Adds the stored overrides as the last configuration source.</summary>
    /// <returns>True when there was any, so the caller loads its settings again.</returns>
    public static bool AddTo(ConfigurationManager configuration, ApplianceSettings settings)
    {
        var stored = StoredSettings.ReadPrefixed(Path.Combine(settings.DataDirectory, "appliance.db"), "Pstn:")
            .Where(s => IsEditable(s.Key))
            .ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.OrdinalIgnoreCase);
        if (stored.Count == 0)
        {
            return false;
        }

        configuration.AddInMemoryCollection(stored);
        return true;
    }

    /// <summary>The values the box started with, by key, for the page to show beside the saved ones.</summary>
    /// <remarks>A module's SIM PIN is given as <c>WebDependencies.PstnPinSet</c> or empty, never
    /// itself: the web never sees a PIN it did not receive.</remarks>
    public static IReadOnlyDictionary<string, string> Running(ApplianceSettings settings)
    {
        var running = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Pstn:Card"] = settings.PstnCard,
            ["Pstn:LineDid"] = settings.PstnLineDid,
            ["Pstn:Groups"] = settings.PstnGroups,
            ["Pstn:Routes"] = settings.PstnRoutes,
            ["Pstn:SipTrunks"] = settings.PstnSipTrunks,
            ["Pstn:FxoCallerId"] = settings.PstnFxoCallerId,
            ["Pstn:FxoFromLineGainDb"] = settings.PstnFxoFromLineGainDb.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Pstn:FxoToLineGainDb"] = settings.PstnFxoToLineGainDb.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var module in settings.PstnGsm)
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            running[$"{module.Key}:Name"] = module.Name;
            running[$"{module.Key}:Port"] = module.Port;
            running[$"{module.Key}:BaudRate"] = module.BaudRate.ToString(culture);
            running[$"{module.Key}:VoicePort"] = module.VoicePort;
            running[$"{module.Key}:VoiceBaudRate"] = module.VoiceBaudRate.ToString(culture);
            running[$"{module.Key}:Pin"] = module.Pin is null ? "" : Appliance.Web.Hosting.WebDependencies.PstnPinSet;
            running[$"{module.Key}:Style"] = module.Style.ToString();
            running[$"{module.Key}:Group"] = module.Group ?? "";
            running[$"{module.Key}:Did"] = module.Did ?? "";
            running[$"{module.Key}:SmsMode"] = module.SmsMode.ToString();
            running[$"{module.Key}:SmsPartsTimeout"] = module.SmsPartsTimeout.ToString("c", culture);
        }

        return running;
    }
}
