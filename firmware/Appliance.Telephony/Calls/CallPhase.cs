namespace Appliance.Telephony.Calls;

/// <summary>Where an inbound call is on its path through the box.</summary>
internal enum CallPhase
{
    /// <summary>The INVITE is being answered; the 200 waits for its ACK.</summary>
    Answering,

    /// <summary>The IVR is playing prompts and collecting digits.</summary>
    Ivr,

    /// <summary>Waiting in a queue; agents may be ringing.</summary>
    Queued,

    /// <summary>The caller is leaving a voicemail: its audio is recorded.</summary>
    Voicemail,

    /// <summary>A mailbox owner is keying its mailbox or PIN, or listening to its messages.</summary>
    Mailbox,

    /// <summary>An IVR flow transferred the call; the extension's phone is ringing.</summary>
    Transferring,

    /// <summary>No agent can take the call; the caller hears why before the box hangs up.</summary>
    NoAgent,

    /// <summary>An agent's call to another extension: that phone is ringing.</summary>
    Dialling,

    /// <summary>The caller chose a callback: it hears the confirmation before the box hangs up.</summary>
    CallbackBooked,

    /// <summary>A callback: the box dials the caller back.</summary>
    CallingBack,

    /// <summary>A callback answered: the caller is asked to press 1 before it is queued.</summary>
    ConfirmingCallback,

    /// <summary>Talking to an agent through the bridge.</summary>
    Bridged,

    /// <summary>Over: the record is written, media released.</summary>
    Ended,
}
