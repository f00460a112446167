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

    /// <summary>Adds the stored overrides as the last configuration source.</summary>
    /// <returns>True when there was any, so the caller loads its settings again.</returns>
    public static bool AddTo(ConfigurationManager configuration, ApplianceSettings settings)
    {
        var stored = StoredSettings.ReadPrefixed(Path.Combine(settings.DataDirectory, "appliance.db"), "Pstn:")
            .Where(s => Keys.Contains(s.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.OrdinalIgnoreCase);
        if (stored.Count == 0)
        {
            return false;
        }

        configuration.AddInMemoryCollection(stored);
        return true;
    }

    /// <summary>The values the box started with, by key, for the page to show beside the saved ones.</summary>
    public static IReadOnlyDictionary<string, string> Running(ApplianceSettings settings) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
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
}
