using System.Diagnostics.CodeAnalysis;
using Appliance.Media.Mixing;

namespace Appliance.Telephony.Agents;

/// <summary>
/// The codes a supervisor dials to join an agent's call in progress: <c>*81</c> followed by the
/// agent's extension to listen, <c>*82</c> to whisper to the agent, <c>*83</c> to barge in as a
/// third talker (<c>*811001</c>: listen to agent 1001).
/// </summary>
internal sealed record SupervisorFeatureCode(MixRole Role, string AgentId)
{
    public const string Listen = "*81";
    public const string Whisper = "*82";
    public const string Barge = "*83";

    /// <summary>Reads a dialled number; false for anything that is not one of the codes.</summary>
    public static bool TryParse(string dialled, [NotNullWhen(true)] out SupervisorFeatureCode? code)
    {
        code = null;
        if (dialled.Length <= Listen.Length || dialled.AsSpan(Listen.Length).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        MixRole? role = dialled[..Listen.Length] switch
        {
            Listen => MixRole.Listen,
            Whisper => MixRole.Whisper,
            Barge => MixRole.Talk,
            _ => null,
        };
        if (role is not { } found)
        {
            return false;
        }

        code = new SupervisorFeatureCode(found, dialled[Listen.Length..]);
        return true;
    }
}
