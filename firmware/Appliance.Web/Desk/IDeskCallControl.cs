namespace Appliance.Web.Desk;

/// <summary>
/// Transfers and conferences of a bridged call commanded from the agent's desktop or the CTI API. The service
/// implements it over the switchboard; each method answers once the command has started (a
/// ringing target has not answered yet). Thread-safe.
/// </summary>
public interface IDeskCallControl
{
    /// <summary>Blind transfer to a queue or an extension.</summary>
    Task<DeskCallResult> TransferAsync(string callId, string target);

    /// <summary>The caller hears hold music while the extension is rung for the agent.</summary>
    Task<DeskCallResult> ConsultAsync(string callId, string extension);

    /// <summary>Joins the caller and the consulted extension and lets the agent go.</summary>
    Task<DeskCallResult> CompleteConsultationAsync(string callId);

    /// <summary>Ends the consultation and gives the caller back to the agent.</summary>
    Task<DeskCallResult> CancelConsultationAsync(string callId);

    /// <summary>Rings the extension to join the call; caller, agent and it then each hear the others.</summary>
    Task<DeskCallResult> ConferenceAsync(string callId, string extension);

    /// <summary>
    /// Click-to-dial: rings the agent's phone, then on its answer the number, and bridges them.
    /// </summary>
    /// <returns>The result and, when the agent's phone rings, the new call's id.</returns>
    Task<(DeskCallResult Result, string? CallId)> DialAsync(string agentId, string number);

    /// <summary>
    /// Listen (<c>listen</c>), whisper to the agent (<c>whisper</c>) or barge in (<c>barge</c>):
    /// rings the supervisor's phone and on its answer joins the call so; a supervisor already in
    /// the call is switched to the mode at once.
    /// </summary>
    Task<DeskCallResult> SuperviseAsync(string callId, string supervisorExtension, string mode);
}
