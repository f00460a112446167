using Appliance.Drivers.Cards;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Trunk groups and outbound routes read from two lines of configuration, checked against the
/// card's ports. Groups: <c>name=port,port; name=port</c> with the card's port names (e1-0,
/// fxo-1, gsm-0). Routes: <c>prefix=group,group; =group</c>, groups in failover order, the empty
/// prefix matching every number. With no groups, each kind of port makes one group (e1, fxo,
/// gsm); with no routes, one route for every number tries the groups in the order they were
/// given. A port may also name its group beside its own settings (a GSM module's Group), which
/// adds it to that group, made if missing. Pure; every mistake is found before a router exists, so
/// a bad configuration never half-applies.
/// </summary>
public static class TrunkPlan
{
    private static readonly (PortKind Kind, string Name)[] s_defaultGroups =
        [(PortKind.E1Pri, "e1"), (PortKind.E1R2, "r2"), (PortKind.Fxo, "fxo"), (PortKind.Gsm, "gsm")];

    /// <exception cref="FormatException">A group or route is malformed, names a port the card
    /// lacks, puts a port in two groups, or names a group that does not exist; the message is the
    /// first mistake.</exception>
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
        var router = TryBuild(groups, routes, ports, out var problems, portGroups, sipTrunks);
        return router ?? throw new FormatException(problems[0].Message);
    }

    /// <summary>As <see cref="Build"/>, but gives every mistake instead of the first.</summary>
    /// <returns>The router, or null when <paramref name="problems"/> is not empty.</returns>
    public static TrunkRouter? TryBuild(
        string groups,
        string routes,
        IReadOnlyList<CardPort> ports,
        out IReadOnlyList<TrunkPlanProblem> problems,
        IReadOnlyDictionary<string, string>? portGroups = null,
        IReadOnlyCollection<string>? sipTrunks = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(ports);
        portGroups ??= new Dictionary<string, string>();
        var found = new List<TrunkPlanProblem>();
        problems = found;

        var parsedGroups = string.IsNullOrWhiteSpace(groups)
            ? DefaultGroups([.. ports.Where(p => !portGroups.ContainsKey(p.Name))])
            : ParseGroups(groups, ports, found);
        AddPortGroups(parsedGroups, portGroups, ports, found);
        foreach (var trunk in sipTrunks ?? [])
        {
            if (parsedGroups.Any(g => g.Name == trunk))
            {
                found.Add(new TrunkPlanProblem(
                    TrunkPlanSetting.SipTrunks, $"SIP trunk '{trunk}' has the name of a trunk group of ports."));
                continue;
            }

            parsedGroups.Add(TrunkGroup.Sip(trunk, trunk));
        }

        // A group left out for its own mistake would make every route naming it a second, false one.
        var groupsWhole = found.Count == 0;
        var parsedRoutes = string.IsNullOrWhiteSpace(routes)
            ? [new OutboundRoute(string.Empty, [.. parsedGroups.Select(g => g.Name)])]
            : ParseRoutes(routes, found);
        if (groupsWhole)
        {
            CheckRouteGroups(parsedRoutes, parsedGroups, found);
        }

        return found.Count == 0 ? new TrunkRouter(parsedGroups, parsedRoutes) : null;
    }

    private static void CheckRouteGroups(
        List<OutboundRoute> routes,
        List<TrunkGroup> groups,
        List<TrunkPlanProblem> problems)
    {
        var known = string.Join(", ", groups.Select(g => g.Name));
        foreach (var route in routes)
        {
            foreach (var name in route.Groups.Where(n => groups.All(g => g.Name != n)))
            {
                problems.Add(new TrunkPlanProblem(
                    TrunkPlanSetting.Routes,
                    $"Outbound route '{route.Prefix}' names trunk group '{name}', which does not exist "
                    + (known.Length == 0 ? "(there are none)." : $"(the groups are {known}).")));
            }
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

    private static List<TrunkGroup> ParseGroups(
        string text,
        IReadOnlyList<CardPort> ports,
        List<TrunkPlanProblem> problems)
    {
        var result = new List<TrunkGroup>();
        var owner = new Dictionary<int, string>();
        foreach (var (name, members) in Entries(text, "group", TrunkPlanSetting.Groups, problems))
        {
            if (name.Length == 0 || result.Any(g => g.Name == name))
            {
                problems.Add(new TrunkPlanProblem(
                    TrunkPlanSetting.Groups, $"Trunk group '{name}' is unnamed or given twice."));
                continue;
            }

            var numbers = new List<int>();
            foreach (var portName in members)
            {
                var port = ports.FirstOrDefault(
                    p => string.Equals(p.Name, portName, StringComparison.OrdinalIgnoreCase));
                if (port is null)
                {
                    var have = ports.Count == 0 ? "none" : string.Join(", ", ports.Select(p => p.Name));
                    problems.Add(new TrunkPlanProblem(
                        TrunkPlanSetting.Groups,
                        $"Trunk group '{name}' names port '{portName}', which the card does not have "
                        + $"(it has {have})."));
                }
                else if (!owner.TryAdd(port.Port, name))
                {
                    problems.Add(new TrunkPlanProblem(
                        TrunkPlanSetting.Groups,
                        $"Port '{port.Name}' is in trunk groups '{owner[port.Port]}' and '{name}'."));
                }
                else
                {
                    numbers.Add(port.Port);
                }
            }

            result.Add(TrunkGroup.Pstn(name, [.. numbers]));
        }

        return result;
    }

    private static void AddPortGroups(
        List<TrunkGroup> groups,
        IReadOnlyDictionary<string, string> portGroups,
        IReadOnlyList<CardPort> ports,
        List<TrunkPlanProblem> problems)
    {
        foreach (var (portName, groupName) in portGroups)
        {
            var port = ports.FirstOrDefault(p => string.Equals(p.Name, portName, StringComparison.OrdinalIgnoreCase));
            if (port is null)
            {
                problems.Add(new TrunkPlanProblem(
                    TrunkPlanSetting.PortGroup, $"Port '{portName}' does not exist.", portName));
                continue;
            }

            if (groups.FirstOrDefault(g => g.Ports.Contains(port.Port)) is { } other)
            {
                problems.Add(new TrunkPlanProblem(
                    TrunkPlanSetting.PortGroup,
                    $"Port '{port.Name}' is in trunk groups '{other.Name}' and '{groupName}'.",
                    portName));
                continue;
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

    private static List<OutboundRoute> ParseRoutes(string text, List<TrunkPlanProblem> problems)
    {
        var result = new List<OutboundRoute>();
        foreach (var (prefix, groups) in Entries(text, "route", TrunkPlanSetting.Routes, problems))
        {
            if (prefix.Any(c => !char.IsAsciiDigit(c) && c is not ('*' or '#' or '+')))
            {
                problems.Add(new TrunkPlanProblem(
                    TrunkPlanSetting.Routes, $"Route prefix '{prefix}' is not dial characters."));
                continue;
            }

            if (result.Any(r => r.Prefix == prefix))
            {
                problems.Add(new TrunkPlanProblem(TrunkPlanSetting.Routes, $"Route prefix '{prefix}' is given twice."));
                continue;
            }

            result.Add(new OutboundRoute(prefix, groups));
        }

        return result;
    }

    /// <summary>"key=a,b; key=c" as (key, [a, b]), (key, [c]).</summary>
    private static IEnumerable<(string Key, string[] Values)> Entries(
        string text,
        string what,
        TrunkPlanSetting setting,
        List<TrunkPlanProblem> problems)
    {
        var entries = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            // Only semicolons: the admin meant something, and taking it as "no setting" would hide it.
            problems.Add(new TrunkPlanProblem(setting, $"'{text}' names no trunk {what}."));
        }

        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var values = equals < 0 ? [] : entry[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (values.Length == 0 || values.All(v => v.Length == 0))
            {
                problems.Add(new TrunkPlanProblem(setting, $"Trunk {what} '{entry}' is not name=member,member."));
                continue;
            }

            if (values.Any(v => v.Length == 0))
            {
                problems.Add(new TrunkPlanProblem(setting, $"Trunk {what} '{entry}' has an empty name in its comma list."));
                continue;
            }

            yield return (entry[..equals].Trim(), values);
        }
    }
}
