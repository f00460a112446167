namespace Appliance.CallCenter.Routing;

/// <summary>
/// The live service rate of each queue: how many of its calls agents answered over the last
/// <see cref="Window"/>, from the ACD's <see cref="AcdCallEventKind.Answered"/> steps. A caller
/// at position N expects to wait N answers, so the expected wait is N over the rate. Thread safe.
/// </summary>
public sealed class ServiceRateMeter
{
    /// <summary>Below this many answers in the window the rate says nothing (null).</summary>
    public const int MinimumAnswers = 2;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _answers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ServiceRateMeter(TimeProvider time, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = time;
        Window = window;
    }

    public TimeSpan Window { get; }

    /// <summary>Counts answered steps; feed it every <see cref="AutomaticCallDistributor.CallStep"/>.</summary>
    public void Observe(AcdCallEvent step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Kind != AcdCallEventKind.Answered)
        {
            return;
        }

        lock (_gate)
        {
            if (!_answers.TryGetValue(step.Queue, out var answers))
            {
                answers = new Queue<DateTimeOffset>();
                _answers[step.Queue] = answers;
            }

            answers.Enqueue(step.AtUtc);
            TrimLocked(answers, _time.GetUtcNow());
        }
    }

    /// <summary>
    /// The wait of a caller at <paramref name="position"/> (1 = next) at the current rate, or
    /// null when fewer than <see cref="MinimumAnswers"/> answers fall in the window.
    /// </summary>
    public TimeSpan? ExpectedWait(string queue, int position)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        lock (_gate)
        {
            if (!_answers.TryGetValue(queue, out var answers))
            {
                return null;
            }

            TrimLocked(answers, _time.GetUtcNow());
            if (answers.Count < MinimumAnswers)
            {
                return null;
            }

            return Window / answers.Count * position;
        }
    }

    private void TrimLocked(Queue<DateTimeOffset> answers, DateTimeOffset now)
    {
        while (answers.Count > 0 && now - answers.Peek() > Window)
        {
            answers.Dequeue();
        }
    }
}
