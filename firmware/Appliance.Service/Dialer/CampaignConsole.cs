using Appliance.Telephony.Campaigns;
using Appliance.Web.Live;

namespace Appliance.Service.Dialer;

/// <summary>The CTI API's view of the running campaign diallers.</summary>
internal sealed class CampaignConsole : ICampaignConsole
{
    private readonly IReadOnlyList<CampaignDialer> _dialers;

    public CampaignConsole(IReadOnlyList<CampaignDialer> dialers)
    {
        _dialers = dialers;
    }

    public IReadOnlyList<LiveCampaign> Campaigns => [.. _dialers.Select(Describe)];

    public bool TryCommand(string campaign, string action, out string? refusal)
    {
        var dialer = _dialers.FirstOrDefault(d => d.Name == campaign);
        if (dialer is null)
        {
            refusal = $"there is no campaign {campaign}";
            return false;
        }

        return action switch
        {
            "start" => dialer.TryStart(out refusal),
            "pause" => dialer.TryPause(out refusal),
            "resume" => dialer.TryResume(out refusal),
            "stop" => dialer.TryStop(out refusal),
            _ => Refuse($"'{action}' is not start, pause, resume or stop", out refusal),
        };
    }

    private static bool Refuse(string reason, out string? refusal)
    {
        refusal = reason;
        return false;
    }

    private static LiveCampaign Describe(CampaignDialer dialer)
    {
        var progress = dialer.Progress;
        return new LiveCampaign(
            dialer.Name,
            progress.State.ToString().ToLowerInvariant(),
            dialer.Mode.ToString().ToLowerInvariant(),
            progress.ContactsTotal,
            progress.ContactsOpen,
            progress.Dials,
            progress.Connected,
            progress.Abandoned,
            progress.Busy,
            progress.NoAnswer,
            progress.Failed,
            progress.Machines,
            progress.CallsInProgress,
            progress.AgentsReady,
            progress.AgentsTalking,
            progress.AgentsWrappingUp,
            progress.AbandonRate);
    }
}
