namespace Appliance.CallCenter.Forecasting;

/// <summary>
/// Erlang C (M/M/N, callers wait as long as it takes): the chance of waiting, the average speed
/// of answer and the service level for a number of agents and an offered load in Erlangs
/// (arrival rate times average handle time).
/// </summary>
/// <remarks>
/// Computed through the Erlang B recursion B(k) = A·B(k-1) / (k + A·B(k-1)), which stays exact
/// for thousands of agents where the textbook form overflows; then
/// C = N·B / (N - A·(1 - B)) (Cooper, Introduction to Queueing Theory, §3.4).
/// </remarks>
public static class ErlangC
{
    /// <summary>The chance a call waits, 0-1; 1 when the load is at or above the agents.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Agents below 1 or a negative load.</exception>
    public static double ProbabilityOfWaiting(int agents, double load)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(load);

        if (load >= agents)
        {
            return 1;
        }

        var b = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            b = load * b / (k + load * b);
        }

        return agents * b / (agents - load * (1 - b));
    }

    /// <summary>Average wait of all calls (ASA), infinite when the load is at or above the agents.</summary>
    public static TimeSpan AverageSpeedOfAnswer(int agents, double load, TimeSpan handleTime)
    {
        if (load >= agents)
        {
            return TimeSpan.MaxValue;
        }

        var seconds = ProbabilityOfWaiting(agents, load) * handleTime.TotalSeconds / (agents - load);
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// The share of calls answered within <paramref name="target"/>:
    /// 1 - C·exp(-(N - A)·t / AHT).
    /// </summary>
    public static double ServiceLevel(int agents, double load, TimeSpan handleTime, TimeSpan target)
    {
        if (load >= agents)
        {
            return 0;
        }

        var c = ProbabilityOfWaiting(agents, load);
        return 1 - c * Math.Exp(-(agents - load) * target.TotalSeconds / handleTime.TotalSeconds);
    }

    /// <summary>The fewest agents that answer <paramref name="goal"/> of calls within the target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The goal is not strictly between 0 and 1.</exception>
    public static int AgentsNeeded(double load, TimeSpan handleTime, TimeSpan target, double goal)
    {
        if (goal is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(goal), goal, "The goal must be strictly between 0 and 1.");
        }

        var agents = Math.Max(1, (int)Math.Floor(load) + 1);
        while (ServiceLevel(agents, load, handleTime, target) < goal)
        {
            agents++;
        }

        return agents;
    }
}
