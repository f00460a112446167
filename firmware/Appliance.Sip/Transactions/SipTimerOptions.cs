namespace Appliance.Sip.Transactions;

/// <summary>
/// The base timers of RFC 3261 §17 and Table 4. The others derive from them: A/E/G start at
/// T1 and double (E and G cap at T2), B/F/H/J and the 2xx-until-ACK window are 64*T1, I and K
/// are T4, D is <see cref="TimerD"/>.
/// </summary>
public sealed class SipTimerOptions
{
    /// <summary>RTT estimate, 500 ms by default.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retransmit interval for non-INVITE requests and INVITE responses, 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest time a message stays in the network, 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait for response retransmits after a non-2xx INVITE final on UDP, at least 32 s.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    internal TimeSpan Transaction => T1 * 64;
}
