using System.Collections.Concurrent;
using Appliance.Media.Mixing;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Calls;

namespace Appliance.Telephony.Signalling;

/// <summary>
/// Call control from the agent's desktop: blind transfer to a queue or an extension, the
/// attended transfer's consultation, completion and cancel, a conference with an extension and
/// click-to-dial. Each command runs on the call's mailbox and is answered once it has started
/// (a target is then ringing).
/// </summary>
public sealed partial class Switchboard
{
    private static readonly TimeSpan s_deskCommandTimeout = TimeSpan.FromSeconds(5);

    // Click-to-dial calls by the Call-ID of either of their legs.
    private readonly ConcurrentDictionary<string, DeskDialCall> _deskDials = new(StringComparer.Ordinal);

    /// <summary>
    /// Click-to-dial: rings <paramref name="agentId"/>'s phone, and on its answer the registered
    /// phone of <paramref name="number"/>, then bridges them.
    /// </summary>
    /// <returns>The outcome, and the new call's id when it is ringing.</returns>
    public async Task<(DeskCallOutcome Outcome, string? CallId)> DialAsync(string agentId, string number)
    {
        var call = new DeskDialCall(_services, _deskDials, agentId, number);
        var done = new TaskCompletionSource<DeskCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.Start(done.SetResult);
        try
        {
            var outcome = await done.Task.WaitAsync(s_deskCommandTimeout, _services.Time).ConfigureAwait(false);
            return (outcome, outcome == DeskCallOutcome.Done ? call.CallId : null);
        }
        catch (TimeoutException)
        {
            return (DeskCallOutcome.Unavailable, null);
        }
    }

    /// <summary>
    /// Listen, whisper or barge from the wallboard: rings <paramref name="supervisorExtension"/>'s
    /// phone and, on its answer, joins the call in <paramref name="role"/>. When that extension is
    /// in the call already, switches it to <paramref name="role"/> at once.
    /// </summary>
    public async Task<DeskCallOutcome> SuperviseAsync(string callId, string supervisorExtension, MixRole role)
    {
        var call = _calls.FindByCaller(callId);
        if (call is null)
        {
            return DeskCallOutcome.NoSuchCall;
        }

        var existing = _deskDials.Values.FirstOrDefault(d => d.Supervises(call, supervisorExtension));
        var done = new TaskCompletionSource<DeskCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (existing is not null)
        {
            call.ChangeDeskSupervision(
                existing,
                role,
                changed => done.SetResult(changed ? DeskCallOutcome.Done : DeskCallOutcome.NotBridged));
        }
        else if (!call.SeemsBridged)
        {
            return DeskCallOutcome.NotBridged;
        }
        else
        {
            new DeskDialCall(_services, _deskDials, supervisorExtension, call, role).Start(done.SetResult);
        }

        try
        {
            return await done.Task.WaitAsync(s_deskCommandTimeout, _services.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return DeskCallOutcome.NoSuchCall;
        }
    }

    /// <summary>Hands a BYE to the click-to-dial call it belongs to.</summary>
    /// <returns>False when it belongs to none.</returns>
    private bool TryDeskDialBye(SipServerTransaction bye)
    {
        if (!_deskDials.TryGetValue(bye.Request.CallId ?? string.Empty, out var call))
        {
            return false;
        }

        call.ByeReceived(bye);
        return true;
    }

    private void DeskDialOkRetransmitted(SipResponse ok)
    {
        if (_deskDials.TryGetValue(ok.CallId ?? string.Empty, out var call))
        {
            call.OkRetransmitted(ok);
        }
    }

    private bool TryHangUpDeskDial(string callId)
    {
        if (!_deskDials.TryGetValue(callId, out var call) || call.CallId != callId)
        {
            return false;
        }

        call.HangUp();
        return true;
    }

    /// <summary>Blind transfer of a bridged call to <paramref name="target"/>, a queue or an extension.</summary>
    public Task<DeskCallOutcome> TransferAsync(string callId, string target) =>
        DeskCommandAsync(callId, (call, done) => call.TransferFromDesk(target, done));

    /// <summary>Puts the caller on hold and rings <paramref name="extension"/> for the agent.</summary>
    public Task<DeskCallOutcome> ConsultAsync(string callId, string extension) =>
        DeskCommandAsync(callId, (call, done) => call.ConsultFromDesk(extension, done));

    /// <summary>Joins the caller and the consulted extension; the agent is let go.</summary>
    public Task<DeskCallOutcome> CompleteConsultationAsync(string callId) =>
        DeskCommandAsync(callId, (call, done) => call.CompleteConsultationFromDesk(done));

    /// <summary>Ends the consultation and gives the caller back to the agent.</summary>
    public Task<DeskCallOutcome> CancelConsultationAsync(string callId) =>
        DeskCommandAsync(callId, (call, done) => call.CancelConsultationFromDesk(done));

    /// <summary>
    /// Rings <paramref name="extension"/> to join the call: caller, agent and it each hear the others.
    /// </summary>
    public Task<DeskCallOutcome> ConferenceAsync(string callId, string extension) =>
        DeskCommandAsync(callId, (call, done) => call.ConferenceFromDesk(extension, done));

    private async Task<DeskCallOutcome> DeskCommandAsync(
        string callId,
        Action<Call, Action<DeskCallOutcome>> command)
    {
        var call = _calls.FindByCaller(callId);
        if (call is null)
        {
            return DeskCallOutcome.NoSuchCall;
        }

        var done = new TaskCompletionSource<DeskCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        command(call, done.SetResult);

        // A call that ended meanwhile has closed its mailbox and never answers.
        try
        {
            return await done.Task.WaitAsync(s_deskCommandTimeout, _services.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return DeskCallOutcome.NoSuchCall;
        }
    }
}
