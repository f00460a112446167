using Appliance.Telephony.Calls;

namespace Appliance.Telephony.Signalling;

/// <summary>
/// Call control from the agent's desktop: blind transfer to a queue or an extension, and the
/// attended transfer's consultation, completion and cancel. Each command runs on the call's
/// mailbox and is answered once it has started (a transfer target is then ringing).
/// </summary>
public sealed partial class Switchboard
{
    private static readonly TimeSpan s_deskCommandTimeout = TimeSpan.FromSeconds(5);

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
