using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Appliance.Web.Api;

namespace Appliance.Web.Admin;

/// <summary>
/// Checks the <c>/pstn</c> form the way the service reads the same keys at start (see
/// docs/drivers.md), so a saved value never stops the box from starting: each mistake is added
/// to the errors under its key.
/// </summary>
internal static partial class PstnSettingsCheck
{
    /// <summary>The keys the page edits, in its order.</summary>
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

    // The groups the gateway makes by itself when Pstn:Groups names none for a port kind.
    private static readonly string[] s_defaultGroups = ["e1", "r2", "fxo", "gsm"];

    private static readonly string[] s_callerIdKinds = ["bell202", "v23", "dtmf"];

    /// <summary>Checks every key of <paramref name="form"/>; empty values are fine (no override).</summary>
    public static void Check(FieldErrors errors, IReadOnlyDictionary<string, string> form)
    {
        var lineDid = form.GetValueOrDefault("Pstn:LineDid", "");
        if (lineDid.Length > 0 && !DigitsPattern().IsMatch(lineDid))
        {
            errors.Add("Pstn:LineDid", $"'{lineDid}' is not 1 to 20 digits");
        }

        var groups = Pairs(errors, "Pstn:Groups", form.GetValueOrDefault("Pstn:Groups", ""), NamePattern(), "port", valuesArePorts: true);
        var trunks = new List<string>();
        foreach (var (name, address) in Pairs(
            errors, "Pstn:SipTrunks", form.GetValueOrDefault("Pstn:SipTrunks", ""), null, "address"))
        {
            if (!NamePattern().IsMatch(name))
            {
                errors.Add("Pstn:SipTrunks", $"'{name}' is not a trunk name (lower-case letters, digits, '-')");
            }
            else if (address.Count != 1 || !IsAddressAndPort(address[0]))
            {
                errors.Add("Pstn:SipTrunks", $"'{string.Join(',', address)}' of trunk '{name}' is not address:port");
            }

            trunks.Add(name);
        }

        var known = new HashSet<string>(s_defaultGroups.Concat(groups.Select(g => g.Name)).Concat(trunks), StringComparer.Ordinal);
        foreach (var (prefix, targets) in Pairs(
            errors, "Pstn:Routes", form.GetValueOrDefault("Pstn:Routes", ""), PrefixPattern(), "group", allowEmptyName: true))
        {
            foreach (var target in targets.Where(t => !known.Contains(t)))
            {
                errors.Add("Pstn:Routes", $"route '{prefix}' names '{target}', which is no trunk group or SIP trunk");
            }
        }

        var callerId = form.GetValueOrDefault("Pstn:FxoCallerId", "");
        var words = callerId.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (callerId.Length > 0 && !(words is ["all"] or ["none"]) && words.Any(w => !s_callerIdKinds.Contains(w)))
        {
            errors.Add("Pstn:FxoCallerId", $"'{callerId}' is not all, none or a comma list of bell202, v23, dtmf");
        }

        foreach (var key in new[] { "Pstn:FxoFromLineGainDb", "Pstn:FxoToLineGainDb" })
        {
            var text = form.GetValueOrDefault(key, "");
            if (text.Length > 0
                && (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var db)
                    || db is < -24 or > 24))
            {
                errors.Add(key, $"'{text}' is not a whole number of dB from -24 to 24");
            }
        }
    }

    // "name=a,b; name=c": each entry once, each name matching its pattern, at least one value.
    private static List<(string Name, List<string> Values)> Pairs(
        FieldErrors errors,
        string key,
        string text,
        Regex? namePattern,
        string valueWord,
        bool allowEmptyName = false,
        bool valuesArePorts = false)
    {
        var pairs = new List<(string, List<string>)>();
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? entry : entry[..equals].Trim();
            var values = equals < 0
                ? []
                : entry[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            if (equals < 0 || values.Count == 0 || (name.Length == 0 && !allowEmptyName))
            {
                errors.Add(key, $"'{entry}' is not name={valueWord},{valueWord}");
                continue;
            }

            if (namePattern is not null && name.Length > 0 && !namePattern.IsMatch(name))
            {
                errors.Add(key, $"'{name}' in '{entry}' is not allowed there");
                continue;
            }

            if (pairs.Any(p => p.Item1 == name))
            {
                errors.Add(key, $"'{name}' is given twice");
                continue;
            }

            if (valuesArePorts && values.Any(v => !NamePattern().IsMatch(v)))
            {
                errors.Add(key, $"'{entry}' names a port that is not a port name (e1-0, fxo-1, gsm-0)");
                continue;
            }

            pairs.Add((name, values));
        }

        return pairs;
    }

    private static bool IsAddressAndPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and < 65536
            && (IPAddress.TryParse(text[..colon].Trim('[', ']'), out _) || HostPattern().IsMatch(text[..colon]));
    }

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex("^[0-9+*#]{1,20}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9.-]{1,253}$")]
    private static partial Regex HostPattern();
}
