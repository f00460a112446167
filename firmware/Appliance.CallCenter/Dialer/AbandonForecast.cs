namespace Appliance.CallCenter.Dialer;

/// <summary>
/// A Monte Carlo forecast of the abandons of the next seconds: a fixed set of scenarios, each a
/// draw of when every busy agent becomes free and when every call in progress is answered live
/// (or that it is not, within the horizon), played out in time order. An answer takes an agent
/// who is free by then (or within the hold); with none, it is abandoned.
/// <para>
/// Distributions come in as cumulative chances per second of the horizon
/// (<c>cdf[s]</c> = P(event by <c>s + 1</c> seconds)); the last one is the chance that the event
/// happens in the horizon at all. Every scenario draws each call and agent once, so adding a
/// call moves every scenario by that call alone: the difference between two counts is the
/// marginal effect of the call, with little noise (common random numbers). The generator has a
/// fixed seed, so the same events give the same decisions. Not thread safe.
/// </para>
/// </summary>
internal sealed class AbandonForecast
{
    private readonly int _scenarios;
    private readonly int _seconds;
    private readonly double _holdSeconds;
    private const ulong Seed = 20261203;
    private ulong _state = Seed;
    private double[] _free;
    private double[] _answers;
    private readonly int[] _freeCount;
    private readonly int[] _answerCount;
    private int _capacity = 16;
    private int _ready;

    /// <param name="scenarios">Number of scenarios; the noise of the mean falls as its square root.</param>
    /// <param name="seconds">Length of the horizon in whole seconds (the length of every cdf).</param>
    /// <param name="hold">How long an answer may wait for an agent before it counts as abandoned.</param>
    public AbandonForecast(int scenarios, int seconds, TimeSpan hold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scenarios);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        _scenarios = scenarios;
        _seconds = seconds;
        _holdSeconds = hold.TotalSeconds;
        _free = new double[scenarios * _capacity];
        _answers = new double[scenarios * _capacity];
        _freeCount = new int[scenarios];
        _answerCount = new int[scenarios];
    }

    /// <summary>Length of the horizon in seconds: every cdf given has this many entries.</summary>
    public int Seconds => _seconds;

    /// <summary>The sum of the chances of a live answer in the horizon of every call added.</summary>
    public double ExpectedAnswers { get; private set; }

    /// <summary>
    /// Forgets every call and agent and starts over with <paramref name="readyAgents"/> free now.
    /// </summary>
    public void Start(int readyAgents)
    {
        _ready = readyAgents;
        _state = Seed;
        ExpectedAnswers = 0;
        Array.Clear(_freeCount);
        Array.Clear(_answerCount);
    }

    /// <summary>
    /// A busy agent who becomes free after the time drawn from <paramref name="first"/> and then,
    /// if <paramref name="then"/> is given, the time drawn from it (a talk, then a wrap-up).
    /// </summary>
    public void AddAgent(ReadOnlySpan<double> first, ReadOnlySpan<double> then)
    {
        for (var s = 0; s < _scenarios; s++)
        {
            var at = Draw(first);
            if (at < 0)
            {
                continue;
            }

            if (!then.IsEmpty)
            {
                var more = Draw(then);
                if (more < 0 || at + more >= _seconds)
                {
                    continue;
                }

                at += more;
            }

            Insert(ref _free, _freeCount, s, at);
        }
    }

    /// <summary>
    /// A call in progress whose live answer comes at the time drawn from <paramref name="answer"/>.
    /// </summary>
    public void AddCall(ReadOnlySpan<double> answer)
    {
        ExpectedAnswers += answer.IsEmpty ? 0 : answer[^1];
        for (var s = 0; s < _scenarios; s++)
        {
            var at = Draw(answer);
            if (at >= 0)
            {
                Insert(ref _answers, _answerCount, s, at);
            }
        }
    }

    /// <summary>
    /// The mean over the scenarios of the answers that find no agent free: answers in time
    /// order each take the agent free earliest, if that one is free by the answer plus the hold.
    /// </summary>
    public double ExpectedAbandons()
    {
        MarginalAbandons([], out var abandons);
        return abandons;
    }

    /// <summary>
    /// The expected extra abandons of one more call whose live answer comes as
    /// <paramref name="answer"/> says, on top of everything added; <paramref name="abandons"/>
    /// is the expected abandons without it. The call is not added.
    /// </summary>
    /// <remarks>
    /// With <i>G</i>(<i>t</i>) the live answers by <i>t</i> less the agents free by <i>t</i>
    /// (ready ones included), the abandons of a scenario are <i>D</i> = sup (<i>G</i>)⁺: an
    /// answer is lost exactly when it pushes <i>G</i> to a new height. One more answer at
    /// <i>x</i> adds one abandon if and only if <i>G</i> is at its height <i>D</i> at some time
    /// from <i>x</i> on, that is if <i>x</i> comes before the agent-free event that ends the last
    /// stretch at height <i>D</i> (τ). So the call's extra abandon in the scenario is its chance
    /// of a live answer before τ, read off its cdf without drawing it: the marginal is free of
    /// the noise of the new call's own draw. The hold counts an agent free that much earlier.
    /// </remarks>
    public double MarginalAbandons(ReadOnlySpan<double> answer, out double abandons)
    {
        long lost = 0;
        double marginal = 0;
        for (var s = 0; s < _scenarios; s++)
        {
            var free = _free.AsSpan(s * _capacity, _freeCount[s]);
            var answers = _answers.AsSpan(s * _capacity, _answerCount[s]);
            var excess = -_ready;
            var height = 0;
            var end = _ready == 0 ? double.PositiveInfinity : double.NegativeInfinity;
            int i = 0, j = 0;
            while (i < free.Length || j < answers.Length)
            {
                if (j == answers.Length || (i < free.Length && free[i] - _holdSeconds <= answers[j]))
                {
                    if (double.IsPositiveInfinity(end))
                    {
                        end = free[i] - _holdSeconds;
                    }

                    excess--;
                    i++;
                }
                else
                {
                    excess++;
                    j++;
                    if (excess >= height)
                    {
                        height = excess;
                        end = double.PositiveInfinity;
                    }
                }
            }

            lost += height;
            marginal += CdfAt(answer, end);
        }

        abandons = (double)lost / _scenarios;
        return marginal / _scenarios;
    }

    // The cdf read at a time: 0 before the start, its total past the horizon, linear within a second.
    private static double CdfAt(ReadOnlySpan<double> cdf, double at)
    {
        if (cdf.IsEmpty || at <= 0)
        {
            return 0;
        }

        if (at >= cdf.Length)
        {
            return cdf[^1];
        }

        var second = (int)at;
        var below = second == 0 ? 0 : cdf[second - 1];
        return below + (cdf[second] - below) * (at - second);
    }

    // Inverse transform on the per-second cdf, linear within the second: −1 when the draw falls
    // past the horizon.
    private double Draw(ReadOnlySpan<double> cdf)
    {
        if (cdf.IsEmpty)
        {
            return -1;
        }

        var u = NextUniform();
        if (u >= cdf[^1])
        {
            return -1;
        }

        var second = 0;
        while (cdf[second] <= u)
        {
            second++;
        }

        var below = second == 0 ? 0 : cdf[second - 1];
        var width = cdf[second] - below;
        return second + (width <= 0 ? 0 : (u - below) / width);
    }

    // SplitMix64 (Steele, Lea and Flood, 2014), restarted at every Start.
    private double NextUniform()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    // Keeps each scenario's times sorted as they come, so the play-out is one merge.
    private void Insert(ref double[] times, int[] counts, int scenario, double at)
    {
        if (counts[scenario] == _capacity)
        {
            Grow(_capacity * 2);
        }

        var row = times.AsSpan(scenario * _capacity, _capacity);
        var i = counts[scenario];
        while (i > 0 && row[i - 1] > at)
        {
            row[i] = row[i - 1];
            i--;
        }

        row[i] = at;
        counts[scenario]++;
    }

    private void Grow(int capacity)
    {
        _free = Regrow(_free, _freeCount, capacity);
        _answers = Regrow(_answers, _answerCount, capacity);
        _capacity = capacity;
    }

    private double[] Regrow(double[] times, int[] counts, int capacity)
    {
        var grown = new double[_scenarios * capacity];
        for (var s = 0; s < _scenarios; s++)
        {
            Array.Copy(times, s * _capacity, grown, s * capacity, counts[s]);
        }

        return grown;
    }
}
