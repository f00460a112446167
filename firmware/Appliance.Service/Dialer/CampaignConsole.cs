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

    public DispositionOutcome GiveDisposition(
        string campaign,
        string contactId,
        string code,
        DateTimeOffset? callbackUtc,
        string? agentId)
    {
        var dialer = _dialers.FirstOrDefault(d => d.Name == campaign);
        if (dialer is null)
        {
            return DispositionOutcome.NoSuchCampaign;
        }

        if (!dialer.DispositionCodes.Contains(code))
        {
            return DispositionOutcome.UnknownCode;
        }

        return dialer.TryGiveDisposition(contactId, code, callbackUtc, agentId)
            ? DispositionOutcome.Given
            : DispositionOutcome.NotInWrapUp;
    }

    public IReadOnlyList<LivePreview> Previews(string? agentId) =>
    [
        .. _dialers.SelectMany(d => d.Previews)
            .Where(p => agentId is null || p.AgentId == agentId)
            .Select(p => new LivePreview(
                p.Campaign,
                p.AgentId,
                p.ContactId,
                p.PhoneNumber,
                p.Name,
                p.Fields,
                p.Attempts,
                p.LastResult is { } result ? DatabaseCampaignSink.ResultName(result) : null,
                p.LastAttemptUtc,
                p.OfferedUtc)),
    ];

    public IReadOnlyList<LiveCampaignWrapUp> WrapUps(string? agentId) =>
    [
        .. _dialers.SelectMany(d => d.WrapUps.Select(w => (Dialer: d, WrapUp: w)))
            .Where(x => agentId is null || x.WrapUp.AgentId == agentId)
            .Select(x => new LiveCampaignWrapUp(
                x.WrapUp.Campaign,
                x.WrapUp.AgentId,
                x.WrapUp.ContactId,
                x.WrapUp.PhoneNumber,
                x.WrapUp.SipCallId,
                x.Dialer.DispositionCodes)),
    ];

    public bool TryPreview(string campaign, string agentId, bool dial)
    {
        var dialer = _dialers.FirstOrDefault(d => d.Name == campaign);
        if (dialer is null)
        {
            return false;
        }

        return dial ? dialer.TryPreviewDial(agentId) : dialer.TryPreviewSkip(agentId);
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
