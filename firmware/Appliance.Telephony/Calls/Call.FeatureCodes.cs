using Appliance.Telephony.Agents;

namespace Appliance.Telephony.Calls;

/// <summary>
/// A call from an agent's own phone to a feature code: the ACD is told, the agent hears what it
/// is now (or that the code was refused), and the box hangs up. Such a call writes no record.
/// </summary>
internal sealed partial class Call
{
    private void RunFeatureCode()
    {
        _phase = CallPhase.Ivr;
        var agentId = _record.CallerNumber ?? string.Empty;

        // Only an agent phone's digest proves whose extension calls; a trunk caller hears the
        // box's language until it opens a mailbox.
        if (Trunk == AgentPhoneTrunk)
        {
            _language = _services.ExtensionLanguage(agentId);
        }

        if (Voicemail.MailboxPrompts.IsMailboxCode(_target.Name))
        {
            StartMailbox(_target.Name, agentId);
            return;
        }

        if (SupervisorFeatureCode.TryParse(_target.Name, out var supervision))
        {
            StartSupervising(agentId, supervision);
            return;
        }

        var prompt = AgentFeaturePrompts.Refused;
        if (AgentFeatureCode.TryParse(_target.Name, out var code))
        {
            prompt = ApplyFeatureCode(agentId, code);
        }

        _log.Information(
            "Call {CallId}: agent {Agent} dialled feature code {FeatureCode}, answered with {Prompt}",
            CallId,
            agentId,
            _target.Name,
            prompt);
        Play([prompt], loop: false, completed: () => Post(() => EndAsync(CallEnding.ByTheBox)));
    }

    private string ApplyFeatureCode(string agentId, AgentFeatureCode code)
    {
        var acd = _services.Acd;
        try
        {
            switch (code.Feature)
            {
                case AgentFeature.Ready:
                    acd.SetReady(agentId);
                    return AgentFeaturePrompts.Ready;
                case AgentFeature.NotReady:
                    return acd.SetNotReady(agentId, code.ReasonCode) ? AgentFeaturePrompts.NotReady : AgentFeaturePrompts.Refused;
                default:
                    if (acd.GetAgentStatus(agentId).LoggedOutQueues.Count == 0)
                    {
                        acd.LogOut(agentId);
                        return AgentFeaturePrompts.LoggedOut;
                    }

                    acd.LogIn(agentId);
                    return AgentFeaturePrompts.LoggedIn;
            }
        }
        catch (ArgumentException ex)
        {
            // The switchboard only lets configured agents through; this is a configuration change
            // between the INVITE and the answer.
            _log.Warning(ex, "Call {CallId}: feature code of {Agent} refused", CallId, agentId);
            return AgentFeaturePrompts.Refused;
        }
    }
}
