namespace Appliance.CallCenter.Records;

/// <summary>How a call ended, as the call record reports it.</summary>
public enum CallDisposition
{
    /// <summary>An agent answered.</summary>
    Answered,

    /// <summary>The caller hung up before an agent answered (in the IVR or in a queue).</summary>
    Abandoned,

    /// <summary>The queue had no logged-in agent, so the call was turned away.</summary>
    NoAgent,

    /// <summary>
    /// The box could not carry the call (no common codec, no media port, lost signalling, shut
    /// down): counted apart so it does not inflate the abandon rate.
    /// </summary>
    Failed,

    /// <summary>The IVR ended the call itself (a flow's hang-up node: closed hours, information).</summary>
    SelfService,

    /// <summary>The caller left a voicemail.</summary>
    Voicemail,

    /// <summary>The caller hung up to be called back; its place in line was kept.</summary>
    Callback,
}
