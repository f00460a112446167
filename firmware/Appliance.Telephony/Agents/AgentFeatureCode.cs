using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Appliance.Telephony.Agents;

/// <summary>
/// The codes an agent dials from its desk phone to the box to change its ACD state:
/// <c>*70</c> ready (also ends wrap-up early), <c>*71</c> not ready, <c>*71</c> followed by a
/// reason code (<c>*712</c>: reason 2), <c>*72</c> log out of every queue, or back in when
/// logged out of all of them.
/// </summary>
internal sealed record AgentFeatureCode(AgentFeature Feature, int? ReasonCode)
{
    public const string Ready = "*70";
    public const string NotReady = "*71";
    public const string Login = "*72";

    /// <summary>Reads a dialled number; false for anything that is not one of the codes.</summary>
    public static bool TryParse(string dialled, [NotNullWhen(true)] out AgentFeatureCode? code)
    {
        code = dialled switch
        {
            Ready => new AgentFeatureCode(AgentFeature.Ready, null),
            Login => new AgentFeatureCode(AgentFeature.ToggleLogin, null),
            NotReady => new AgentFeatureCode(AgentFeature.NotReady, null),
            _ when dialled.StartsWith(NotReady, StringComparison.Ordinal)
                && dialled.Length <= NotReady.Length + 2
                && int.TryParse(dialled.AsSpan(NotReady.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var reason)
                => new AgentFeatureCode(AgentFeature.NotReady, reason),
            _ => null,
        };
        return code is not null;
    }
}
