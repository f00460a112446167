namespace Appliance.Drivers.Gsm;

/// <summary>How an <see cref="AtModem"/> talks to its module.</summary>
public sealed class AtModemOptions
{
    /// <summary>The SIM's PIN, sent only when the module asks for it (+CPIN: SIM PIN).</summary>
    public string? Pin { get; init; }

    /// <summary>How long a command may take before it counts as unanswered. Modules answer
    /// AT+COPS? and SMS sending slowly, so this is generous.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unanswered commands in a row after which the module is reset.</summary>
    public int MissedAnswersBeforeReset { get; init; } = 3;

    /// <summary>How long the module takes to come back after AT+CFUN=1,1 before it is asked
    /// again.</summary>
    public TimeSpan ResetSettleTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>PDU mode (the default, taken when the module offers it) or text mode for SMS.</summary>
    public SmsMode SmsMode { get; init; } = SmsMode.Pdu;

    /// <summary>How long the parts of a concatenated message may take to come before it is kept
    /// incomplete. Networks deliver parts seconds apart, now and then minutes.</summary>
    public TimeSpan PartsTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
