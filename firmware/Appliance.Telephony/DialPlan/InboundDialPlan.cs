using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Appliance.Telephony.DialPlan;

/// <summary>
/// The inbound dial plan: DID (the user part of the request URI) to target. Immutable; a
/// configuration change builds a new one, so calls in progress keep the plan they started with.
/// </summary>
public sealed class InboundDialPlan
{
    private readonly FrozenDictionary<string, DialPlanTarget> _dids;

    public InboundDialPlan(IEnumerable<KeyValuePair<string, DialPlanTarget>> dids)
    {
        _dids = dids.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Finds where a dialled number goes.</summary>
    public bool TryRoute(string did, [NotNullWhen(true)] out DialPlanTarget? target)
        => _dids.TryGetValue(did, out target);
}
