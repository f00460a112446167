using Appliance.Media.Mixing;
using Appliance.Telephony.Calls;
using Appliance.Telephony.Signalling;
using Appliance.Web.Desk;

namespace Appliance.Service.Web;

/// <summary>
/// The desktop's blind and attended transfers, conferences and click-to-dial, carried out by the
/// switchboard's calls.
/// </summary>
internal sealed class DeskCallControl : IDeskCallControl
{
    private readonly Switchboard _switchboard;

    public DeskCallControl(Switchboard switchboard)
    {
        _switchboard = switchboard;
    }

    public async Task<DeskCallResult> TransferAsync(string callId, string target) =>
        Map(await _switchboard.TransferAsync(callId, target).ConfigureAwait(false));

    public async Task<DeskCallResult> ConsultAsync(string callId, string extension) =>
        Map(await _switchboard.ConsultAsync(callId, extension).ConfigureAwait(false));

    public async Task<DeskCallResult> CompleteConsultationAsync(string callId) =>
        Map(await _switchboard.CompleteConsultationAsync(callId).ConfigureAwait(false));

    public async Task<DeskCallResult> CancelConsultationAsync(string callId) =>
        Map(await _switchboard.CancelConsultationAsync(callId).ConfigureAwait(false));

    public async Task<DeskCallResult> ConferenceAsync(string callId, string extension) =>
        Map(await _switchboard.ConferenceAsync(callId, extension).ConfigureAwait(false));

    public async Task<(DeskCallResult Result, string? CallId)> DialAsync(string agentId, string number)
    {
        var (outcome, callId) = await _switchboard.DialAsync(agentId, number).ConfigureAwait(false);
        return (Map(outcome), callId);
    }

    public async Task<DeskCallResult> SuperviseAsync(string callId, string supervisorExtension, string mode)
    {
        var role = mode switch
        {
            "listen" => MixRole.Listen,
            "whisper" => MixRole.Whisper,
            _ => MixRole.Talk,
        };
        return Map(await _switchboard.SuperviseAsync(callId, supervisorExtension, role).ConfigureAwait(false));
    }

    private static DeskCallResult Map(DeskCallOutcome outcome) => outcome switch
    {
        DeskCallOutcome.Done => DeskCallResult.Done,
        DeskCallOutcome.NotBridged => DeskCallResult.NotBridged,
        DeskCallOutcome.Busy => DeskCallResult.Busy,
        DeskCallOutcome.UnknownTarget => DeskCallResult.UnknownTarget,
        DeskCallOutcome.NoConsultation => DeskCallResult.NoConsultation,
        DeskCallOutcome.Unavailable => DeskCallResult.Unavailable,
        _ => DeskCallResult.NoSuchCall,
    };
}
