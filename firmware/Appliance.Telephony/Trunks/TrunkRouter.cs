using System.Diagnostics.CodeAnalysis;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Picks the trunk for an outbound number: the longest matching route, then its groups in order,
/// passing over a group whose ports are all in alarm or busy, or whose SIP trunk does not answer
/// OPTIONS. Immutable and thread safe; a configuration change builds a new router.
/// </summary>
public sealed class TrunkRouter
{
    private readonly Dictionary<string, TrunkGroup> _groups;
    private readonly OutboundRoute[] _routes;

    /// <exception cref="ArgumentException">A route names a group that does not exist.</exception>
    public TrunkRouter(IEnumerable<TrunkGroup> groups, IEnumerable<OutboundRoute> routes)
    {
        _groups = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        _routes = [.. routes.OrderByDescending(r => r.Prefix.Length)];
        foreach (var route in _routes)
        {
            foreach (var name in route.Groups)
            {
                if (!_groups.ContainsKey(name))
                {
                    throw new ArgumentException(
                        $"Outbound route '{route.Prefix}' names trunk group '{name}', which does not exist.",
                        nameof(routes));
                }
            }
        }
    }

    public IReadOnlyCollection<TrunkGroup> Groups => _groups.Values;

    /// <summary>The group a card port belongs to, if any.</summary>
    public TrunkGroup? GroupOfPort(int port)
    {
        foreach (var group in _groups.Values)
        {
            if (group.Kind == TrunkGroupKind.Pstn && group.Ports.Contains(port))
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>Chooses a trunk for <paramref name="number"/>.</summary>
    /// <param name="number">The dialled number.</param>
    /// <param name="ports">Card ports now, from the card.</param>
    /// <param name="sipTrunkUp">Whether a SIP trunk answers OPTIONS now.</param>
    /// <param name="choice">The trunk taken.</param>
    /// <param name="skipped">Every group passed over, with why, when no trunk is left.</param>
    /// <returns>False when no route matches or every group of the route is unusable.</returns>
    public bool TryChoose(
        string number,
        IReadOnlyList<TrunkPortStatus> ports,
        Func<string, bool> sipTrunkUp,
        [NotNullWhen(true)] out TrunkRouteChoice? choice,
        out IReadOnlyList<string> skipped) =>
        TryChoose(number, ports, sipTrunkUp, new HashSet<string>(), out choice, out skipped);

    /// <summary>Chooses a trunk for <paramref name="number"/>, passing over the groups that have
    /// failed this call already (a SIP trunk that answered 503, say).</summary>
    /// <param name="number">The dialled number.</param>
    /// <param name="ports">Card ports now, from the card.</param>
    /// <param name="sipTrunkUp">Whether a SIP trunk answers OPTIONS now.</param>
    /// <param name="failed">Groups tried for this call already.</param>
    /// <param name="choice">The trunk taken.</param>
    /// <param name="skipped">Every group passed over, with why, when no trunk is left.</param>
    public bool TryChoose(
        string number,
        IReadOnlyList<TrunkPortStatus> ports,
        Func<string, bool> sipTrunkUp,
        IReadOnlySet<string> failed,
        [NotNullWhen(true)] out TrunkRouteChoice? choice,
        out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(failed);
        choice = null;
        var passed = new List<string>();
        skipped = passed;
        var route = Array.Find(_routes, r => r.Matches(number));
        if (route is null)
        {
            passed.Add($"no outbound route matches {number}");
            return false;
        }

        foreach (var name in route.Groups)
        {
            var group = _groups[name];
            if (failed.Contains(name))
            {
                passed.Add($"{name}: failed the call");
                continue;
            }

            if (group.Kind == TrunkGroupKind.Sip)
            {
                if (group.SipTrunk is not null && sipTrunkUp(group.SipTrunk))
                {
                    choice = new TrunkRouteChoice(group, null, passed);
                    return true;
                }

                passed.Add($"{name}: SIP trunk {group.SipTrunk} does not answer");
                continue;
            }

            var port = FreePort(group, ports, out var reason);
            if (port is not null)
            {
                choice = new TrunkRouteChoice(group, port, passed);
                return true;
            }

            passed.Add($"{name}: {reason}");
        }

        return false;
    }

    private static int? FreePort(TrunkGroup group, IReadOnlyList<TrunkPortStatus> ports, out string reason)
    {
        bool anyInService = false;
        foreach (var number in group.Ports)
        {
            var port = ports.FirstOrDefault(p => p.Port == number);
            if (port is null || !port.InService)
            {
                continue;
            }

            anyInService = true;
            if (port.FreeChannels > 0)
            {
                reason = string.Empty;
                return number;
            }
        }

        reason = anyInService ? "no free channel" : "every port in alarm";
        return null;
    }
}
