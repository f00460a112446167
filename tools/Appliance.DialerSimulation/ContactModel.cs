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

    /// <summary>Talk time is exponential with this mean.</summary>
    public TimeSpan TalkMean { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan WrapUp { get; init; } = TimeSpan.FromSeconds(10);
}
