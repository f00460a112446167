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
}
