namespace Appliance.CallCenter.Forecasting;

/// <summary>
/// Erlang A (M/M/N+M, Palm): Poisson arrivals, exponential handle times, and callers who hang up
/// after an exponential patience, so the queue is stable at any load.
/// </summary>
/// <remarks>
/// Solved as the birth-death chain it is: with k calls in the system, arrivals at λ and
/// departures at min(k, N)·μ + max(0, k - N)·θ. The stationary weights are summed until they no
/// longer change the result; abandonment follows from θ·E[queue] = λ·P(abandon)
/// (Garnett, Mandelbaum and Reiman, "Designing a call center with impatient customers", 2002).
/// </remarks>
public static class ErlangA
{
    /// <param name="agents">Agents answering, at least 1.</param>
    /// <param name="load">Offered load in Erlangs (arrival rate times handle time).</param>
    /// <param name="handleTime">Average handle time.</param>
    /// <param name="patience">Average time a caller waits before hanging up.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not positive.</exception>
    public static ErlangAResult Solve(int agents, double load, TimeSpan handleTime, TimeSpan patience)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(load);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(handleTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(patience, TimeSpan.Zero);

        var mu = 1 / handleTime.TotalSeconds;
        var theta = 1 / patience.TotalSeconds;
        var lambda = load * mu;

        // Weights relative to the empty system, scaled down as they grow to stay finite.
        double weight = 1, total = 1, busyAgents = 0, waiting = 0, queued = 0;
        for (var k = 1; k < 1_000_000; k++)
        {
            var departures = Math.Min(k, agents) * mu + Math.Max(0, k - agents) * theta;
            weight *= lambda / departures;
            total += weight;
            busyAgents += weight * Math.Min(k, agents);
            waiting += k >= agents ? weight : 0;
            queued += weight * Math.Max(0, k - agents);
            if (total > 1e200)
            {
                weight /= 1e200;
                total /= 1e200;
                busyAgents /= 1e200;
                waiting /= 1e200;
                queued /= 1e200;
            }

            if (k > agents && weight < total * 1e-15)
            {
                break;
            }
        }

        // k = 0 has no busy agent; P(wait) counts the states where an arrival finds all busy.
        var probabilityOfWaiting = waiting / total;
        var meanQueue = queued / total;
        var probabilityOfAbandon = theta * meanQueue / lambda;
        var averageWait = TimeSpan.FromSeconds(meanQueue / lambda);
        return new ErlangAResult(probabilityOfWaiting, probabilityOfAbandon, averageWait, busyAgents / total / agents);
    }
}
