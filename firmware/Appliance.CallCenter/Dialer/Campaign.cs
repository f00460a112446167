namespace Appliance.CallCenter.Dialer;

/// <summary>
/// The settings of one outbound campaign. Immutable once built; the running state lives in
/// <see cref="CampaignController"/>.
/// </summary>
public sealed class Campaign
{
    public required string Name { get; init; }

    /// <summary>The number presented to the called party (normalised like contact numbers).</summary>
    public required string CallerId { get; init; }

    /// <summary>The trunk group the calls leave by.</summary>
    public required string TrunkGroup { get; init; }

    public DialingMode Mode { get; init; } = DialingMode.Progressive;

    public CallingHours CallingHours { get; init; } = CallingHours.Default;

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Settings of predictive pacing, including its target abandon rate (3 %).</summary>
    public PredictivePacingOptions Predictive { get; init; } = new();

    /// <summary>Calls in progress per ready agent in power mode.</summary>
    public double PowerCallsPerAgent { get; init; } = 2.0;

    /// <summary>The recorded message a live answer hears when no agent is free.</summary>
    public string AbandonPrompt { get; init; } = "abandon";

    /// <summary>
    /// How long a live answer that finds no agent free waits for one before it is abandoned
    /// (and hears <see cref="AbandonPrompt"/>). Ofcom and the US Telemarketing Sales Rule count
    /// a call as abandoned only when no agent is connected within 2 s of the answer, so up to
    /// 2 s is allowed; zero abandons at once. Predictive pacing forecasts with the same hold.
    /// </summary>
    public TimeSpan AbandonHold { get; init; } = TimeSpan.Zero;

    /// <summary>The disposition codes agents may give; any other code is refused.</summary>
    public IReadOnlyList<string> DispositionCodes { get; init; } =
        ["sale", "no-sale", "callback", "wrong-number"];

    /// <summary>A fresh pacing strategy for <see cref="Mode"/> (strategies hold measured state).</summary>
    public IPacingStrategy CreatePacing() => Mode switch
    {
        DialingMode.Preview => new PreviewPacing(),
        DialingMode.Progressive => new ProgressivePacing(),
        DialingMode.Power => new PowerPacing(PowerCallsPerAgent),
        DialingMode.Predictive => new PredictivePacing(Predictive with { AbandonHold = AbandonHold }),
        _ => throw new InvalidOperationException($"Dialing mode {Mode} of campaign {Name} is unknown."),
    };
}
