using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Appliance.Telephony.DialPlan;

/// <summary>
/// The trunks that may send calls without authentication, by source address. A call from any
/// other address is refused with 403 before anything is revealed about the dial plan.
/// </summary>
public sealed class TrunkAcl
{
    private readonly IReadOnlyList<(string Trunk, IPAddress Address)> _trunks;

    public TrunkAcl(IEnumerable<(string Trunk, IPAddress Address)> trunks)
    {
        _trunks = trunks.ToList();
    }

    /// <summary>Names the trunk a source address belongs to.</summary>
    public bool TryMatch(IPAddress source, [NotNullWhen(true)] out string? trunk)
    {
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var (name, allowed) in _trunks)
        {
            if (allowed.Equals(address))
            {
                trunk = name;
                return true;
            }
        }

        trunk = null;
        return false;
    }
}
