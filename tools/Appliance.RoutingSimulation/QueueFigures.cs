namespace Appliance.RoutingSimulation;

/// <summary>What one queue measured over the simulation, batch by batch.</summary>
public sealed class QueueFigures
{
    public QueueFigures(string queue, int batches)
    {
        Queue = queue;
        Batches = Enumerable.Range(0, batches).Select(_ => new BatchFigures()).ToArray();
    }

    public string Queue { get; }

    public IReadOnlyList<BatchFigures> Batches { get; }

    public int Offered => Batches.Sum(b => b.Offered);

    public int Answered => Batches.Sum(b => b.Answered);

    public double ProbabilityOfWaiting => Ratio(b => b.Waited, b => b.Offered);

    public double ServiceLevel => Ratio(b => b.WithinTarget, b => b.Offered);

    public double ProbabilityOfAbandon => Ratio(b => b.Abandoned, b => b.Offered);

    public double AverageSpeedOfAnswerSeconds
        => Batches.Sum(b => b.AnsweredWaitSeconds) / Math.Max(1, Answered);

    /// <summary>
    /// The standard error of a figure from the spread of its batch values (batch means), which
    /// holds although consecutive calls of a queue are correlated.
    /// </summary>
    public double StandardError(Func<BatchFigures, double> figure)
    {
        var values = Batches.Where(b => b.Offered > 0).Select(figure).ToArray();
        if (values.Length < 2)
        {
            return double.PositiveInfinity;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return Math.Sqrt(variance / values.Length);
    }

    private double Ratio(Func<BatchFigures, int> part, Func<BatchFigures, int> whole)
        => (double)Batches.Sum(part) / Math.Max(1, Batches.Sum(whole));
}
