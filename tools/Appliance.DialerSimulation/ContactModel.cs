namespace Appliance.DialerSimulation;

/// <summary>
/// How the simulated people on the list behave, per attempt and independently of earlier
/// attempts. The shares of live answer, machine, busy and failure are of all attempts; the
/// rest ring out to <see cref="NoAnswerTimeout"/>. Defaults: 35 % live, 10 % machines.
/// </summary>
internal sealed record ContactModel
{
    public double AnswerProbability { get; init; } = 0.35;

    /// <summary>Answering machines, detected and handled without an agent (not abandoned).</summary>
    public double MachineProbability { get; init; } = 0.10;

    public double BusyProbability { get; init; } = 0.05;

    public double FailedProbability { get; init; } = 0.02;

    /// <summary>Ring time before a person or machine answers: uniform in [min, max].</summary>
    public TimeSpan RingMin { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RingMax { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The dialer gives up ringing here; it must not be shorter than <see cref="RingMax"/>.
    /// </summary>
    public TimeSpan NoAnswerTimeout { get; init; } = TimeSpan.FromSeconds(25);

    public TimeSpan BusyTime { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan FailedTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Talk time is log-normal with this mean and <see cref="TalkDeviation"/>: the shape call
    /// centres measure for service times (many short calls, a long tail), not the exponential
    /// queueing formulas assume.
    /// </summary>
    public TimeSpan TalkMean { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Standard deviation of talk time (100 s on a 120 s mean: median about 92 s).</summary>
    public TimeSpan TalkDeviation { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Wrap-up is uniform in [min, max].</summary>
    public TimeSpan WrapUpMin { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan WrapUpMax { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Draws one talk time from the log-normal given by mean and deviation.</summary>
    public TimeSpan DrawTalk(Random random)
    {
        var mean = TalkMean.TotalSeconds;
        var cv = TalkDeviation.TotalSeconds / mean;
        var sigma2 = Math.Log(1 + cv * cv);
        var mu = Math.Log(mean) - sigma2 / 2;

        // Box-Muller: one standard normal from two uniforms.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return TimeSpan.FromSeconds(Math.Exp(mu + Math.Sqrt(sigma2) * z));
    }

    public TimeSpan DrawWrapUp(Random random)
        => WrapUpMin + (WrapUpMax - WrapUpMin) * random.NextDouble();
}
