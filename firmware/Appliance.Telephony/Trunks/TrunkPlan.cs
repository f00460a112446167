using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Trunk groups and outbound routes read from two lines of configuration, checked against the
/// card's ports. Groups: <c>name=port,port; name=port</c> with the card's port names (e1-0,
/// fxo-1, gsm-0). Routes: <c>prefix=group,group; =group</c>, groups in failover order, the empty
/// prefix matching every number. With no groups, each kind of port makes one group (e1, fxo,
/// gsm); with no routes, one route for every number tries the groups in the order they were
/// given. A port may also name its group beside its own settings (a GSM module's Group), which
/// adds it to that group, made if missing. Pure; throws on the first mistake so a bad
/// configuration never half-applies.
/// </summary>
public static class TrunkPlan
{
    private static readonly (PortKind Kind, string Name)[] s_defaultGroups =
        [(PortKind.E1Pri, "e1"), (PortKind.E1R2, "r2"), (PortKind.Fxo, "fxo"), (PortKind.Gsm, "gsm")];

    /// <exception cref="FormatException">A group or route is malformed, names a port the card
    /// lacks, puts a port in two groups, or names a group that does not exist.</exception>
    /// <param name="groups">Pstn:Groups, or empty for one group per kind of port.</param>
    /// <param name="routes">Pstn:Routes, or empty for one route over every group.</param>
    /// <param name="ports">The card's ports and the GSM modules.</param>
    /// <param name="portGroups">Port name to group name for ports that name their group
    /// themselves; null for none.</param>
    /// <param name="sipTrunks">SIP trunks, each a group of its own name that routes may name;
    /// null for none.</param>
    public static TrunkRouter Build(
        string groups,
        string routes,
        IReadOnlyList<CardPort> ports,
        IReadOnlyDictionary<string, string>? portGroups = null,
        IReadOnlyCollection<string>? sipTrunks = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(ports);
        portGroups ??= new Dictionary<string, string>();

        var parsedGroups = string.IsNullOrWhiteSpace(groups)
            ? DefaultGroups([.. ports.Where(p => !portGroups.ContainsKey(p.Name))])
            : ParseGroups(groups, ports);
        AddPortGroups(parsedGroups, portGroups, ports);
        foreach (var trunk in sipTrunks ?? [])
        {
            if (parsedGroups.Any(g => g.Name == trunk))
            {
                throw new FormatException($"SIP trunk '{trunk}' has the name of a trunk group of ports.");
            }

            parsedGroups.Add(TrunkGroup.Sip(trunk, trunk));
        }
        var parsedRoutes = string.IsNullOrWhiteSpace(routes)
            ? [new OutboundRoute(string.Empty, [.. parsedGroups.Select(g => g.Name)])]
            : ParseRoutes(routes);
        try
        {
            return new TrunkRouter(parsedGroups, parsedRoutes);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static List<TrunkGroup> DefaultGroups(IReadOnlyList<CardPort> ports)
    {
        var result = new List<TrunkGroup>();
        foreach (var (kind, name) in s_defaultGroups)
        {
            var members = ports.Where(p => p.Kind == kind).Select(p => p.Port).ToArray();
            if (members.Length > 0)
            {
                result.Add(TrunkGroup.Pstn(name, members));
            }
        }

        return result;
    }

    private static List<TrunkGroup> ParseGroups(string text, IReadOnlyList<CardPort> ports)
    {
        var result = new List<TrunkGroup>();
        var owner = new Dictionary<int, string>();
        foreach (var (name, members) in Entries(text, "group"))
        {
            if (name.Length == 0 || result.Any(g => g.Name == name))
            {
                throw new FormatException($"Trunk group '{name}' is unnamed or given twice.");
            }

            var numbers = new List<int>();
            foreach (var portName in members)
            {
                var port = ports.FirstOrDefault(
                        p => string.Equals(p.Name, portName, StringComparison.OrdinalIgnoreCase))
                    ?? throw new FormatException(
                        $"Trunk group '{name}' names port '{portName}', which the card does not have "
                        + $"(it has {string.Join(", ", ports.Select(p => p.Name))}).");
                if (!owner.TryAdd(port.Port, name))
                {
                    throw new FormatException(
                        $"Port '{port.Name}' is in trunk groups '{owner[port.Port]}' and '{name}'.");
                }

                numbers.Add(port.Port);
            }

            result.Add(TrunkGroup.Pstn(name, [.. numbers]));
        }

        return result;
    }

    private static void AddPortGroups(
        List<TrunkGroup> groups,
        IReadOnlyDictionary<string, string> portGroups,
        IReadOnlyList<CardPort> ports)
    {
        foreach (var (portName, groupName) in portGroups)
        {
            var port = ports.FirstOrDefault(p => string.Equals(p.Name, portName, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"Port '{portName}' does not exist.");
            if (groups.FirstOrDefault(g => g.Ports.Contains(port.Port)) is { } other)
            {
                throw new FormatException($"Port '{port.Name}' is in trunk groups '{other.Name}' and '{groupName}'.");
            }

            var index = groups.FindIndex(g => g.Name == groupName);
            if (index < 0)
            {
                groups.Add(TrunkGroup.Pstn(groupName, port.Port));
            }
            else
            {
                groups[index] = groups[index] with { Ports = [.. groups[index].Ports, port.Port] };
            }
        }
    }

    private static List<OutboundRoute> ParseRoutes(string text)
    {
        var result = new List<OutboundRoute>();
        foreach (var (prefix, groups) in Entries(text, "route"))
        {
            if (prefix.Any(c => !char.IsAsciiDigit(c) && c is not ('*' or '#' or '+')))
            {
                throw new FormatException($"Route prefix '{prefix}' is not dial characters.");
            }

            if (result.Any(r => r.Prefix == prefix))
            {
                throw new FormatException($"Route prefix '{prefix}' is given twice.");
            }

            result.Add(new OutboundRoute(prefix, groups));
        }

        return result;
    }

    /// <summary>"key=a,b; key=c" as (key, [a, b]), (key, [c]).</summary>
    private static IEnumerable<(string Key, string[] Values)> Entries(string text, string what)
    {
        var entries = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var values = equals < 0 ? [] : entry[(equals + 1)..]
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (values.Length == 0)
            {
                throw new FormatException($"Trunk {what} '{entry}' is not name=member,member.");
            }

            yield return (entry[..equals].Trim(), values);
        }
    }
}
