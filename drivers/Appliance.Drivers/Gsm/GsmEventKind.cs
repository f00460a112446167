namespace Appliance.Drivers.Gsm;

/// <summary>What a GSM/4G module reported on its own.</summary>
public enum GsmEventKind
{
    /// <summary>A call rings; <see cref="GsmEvent.Number"/> is the +CLIP number, empty when
    /// withheld or not yet known.</summary>
    IncomingCall,

    /// <summary>The call ended (NO CARRIER, BUSY, NO ANSWER, or the network cleared it).</summary>
    CallEnded,

    /// <summary>The far end answered the call this side dialled.</summary>
    CallAnswered,

    /// <summary>A text message arrived (+CMT); it has been read from the module.</summary>
    SmsReceived,

    /// <summary>The module stopped answering and was reset (AT+CFUN=1,1) and started again.</summary>
    ModuleReset,
}
