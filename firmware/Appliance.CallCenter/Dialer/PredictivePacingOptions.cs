namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Settings of <see cref="PredictivePacing"/>. The initial estimates are used until outcomes
/// replace them; the defaults suit a consumer list and are soon forgotten.
/// </summary>
public sealed record PredictivePacingOptions
{
    /// <summary>Abandoned calls per live answer the pacing holds (0.03 = 3 %).</summary>
    public double TargetAbandonRate { get; init; } = 0.03;

    /// <summary>Weight of one new outcome in the exponential smoothing of the estimates.</summary>
    public double Smoothing { get; init; } = 0.002;

    /// <summary>
    /// Weight of one new duration in the histograms of ring, talk and wrap-up times: smaller than
    /// <see cref="Smoothing"/>, since a distribution's tail needs hundreds of durations to be seen.
    /// </summary>
    public double HistogramSmoothing { get; init; } = 0.002;

    public double InitialAnswerRate { get; init; } = 0.3;

    public TimeSpan InitialAnswerDelay { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan InitialTalkTime { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan InitialWrapUpTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts that must end before dialling ahead starts; progressive until then.</summary>
    public int WarmUpAttempts { get; init; } = 30;

    /// <summary>Live answers in the window over which the abandon rate is measured for feedback.</summary>
    public int FeedbackWindow { get; init; } = 200;

    /// <summary>The measured rate the feedback steers to, as a share of the target (a margin).</summary>
    public double FeedbackAim { get; init; } = 0.85;

    /// <summary>How fast the feedback moves the model's threshold (log-scale step per answer).</summary>
    public double FeedbackGain { get; init; } = 0.003;

    /// <summary>
    /// The feedback's scale on the threshold before any measurement: 1 starts with the marginal
    /// call allowed the target rate itself, which holds the average well under the target (the
    /// calls placed before the marginal one cost less), and the feedback leans in from there.
    /// </summary>
    public double InitialScale { get; init; } = 1;

    /// <summary>
    /// How far ahead the model follows answers and agents freeing, in 2-second steps; longer than
    /// the longest ring, so every call dialled now is answered or given up within it.
    /// </summary>
    public TimeSpan ForecastHorizon { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Scenarios the forecast plays out at each decision: more give a steadier marginal count
    /// at a cost in CPU that grows with them and with the calls and agents.
    /// </summary>
    public int ForecastScenarios { get; init; } = 128;

    /// <summary>
    /// How long a live answer may wait for an agent to become free before it is abandoned, in
    /// the forecast. Zero while the telephony abandons at once when no agent is free.
    /// </summary>
    public TimeSpan AbandonHold { get; init; } = TimeSpan.Zero;

    /// <summary>Upper bound of calls in progress per logged-in agent, whatever the estimates say.</summary>
    public double MaxCallsPerAgent { get; init; } = 4;
}
