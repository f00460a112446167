namespace Appliance.CallCenter.Dialer;

/// <summary>
/// An exponentially forgetting histogram of measured durations in buckets of a fixed width (the
/// last bucket holds everything longer). Gives the survival function S(e) = P(time &gt; e) the
/// predictive model needs, both for calls still ringing and for agents still talking.
/// </summary>
internal sealed class OutcomeTimeHistogram
{
    private const double MinimumTail = 5;

    private readonly double[] _weights;
    private readonly double[] _above;
    private readonly double _smoothing;
    private readonly double _bucketSeconds;
    private double _total;
    private int _count;
    private bool _dirty;

    /// <param name="smoothing">Weight of one new duration; older ones fade by 1 − smoothing.</param>
    /// <param name="bucket">Width of one bucket.</param>
    /// <param name="buckets">Number of buckets; durations past the last go into it.</param>
    public OutcomeTimeHistogram(double smoothing, TimeSpan? bucket = null, int buckets = 121)
    {
        _smoothing = smoothing;
        _bucketSeconds = (bucket ?? TimeSpan.FromSeconds(1)).TotalSeconds;
        _weights = new double[buckets];
        _above = new double[buckets + 1];
    }

    /// <summary>Whether any duration was added yet.</summary>
    public bool IsEmpty => _total <= 0;

    public void Add(TimeSpan duration)
    {
        _count++;
        var keep = 1 - PredictivePacing.Weight(_smoothing, _count);
        for (var i = 0; i < _weights.Length; i++)
        {
            _weights[i] *= keep;
        }

        _total = _total * keep + 1;
        _weights[BucketOf(duration.TotalSeconds)] += 1;
        _dirty = true;
    }

    /// <summary>
    /// P(time &gt; elapsed), with durations in the elapsed one's bucket counted as gone in
    /// proportion to how far into the bucket it is.
    /// </summary>
    public double Survival(TimeSpan elapsed) => Survival(elapsed.TotalSeconds);

    /// <summary>P(time &gt; seconds); 1 while empty.</summary>
    public double Survival(double seconds)
    {
        if (_total <= 0)
        {
            return 1;
        }

        if (_dirty)
        {
            _above[_weights.Length] = 0;
            for (var i = _weights.Length - 1; i >= 0; i--)
            {
                _above[i] = _above[i + 1] + _weights[i];
            }

            _dirty = false;
        }

        var bucket = BucketOf(seconds);
        var into = Math.Clamp(seconds / _bucketSeconds - bucket, 0, 1);
        if (bucket == _weights.Length - 1)
        {
            // The tail bucket has no width to interpolate over: what is in it is still to come.
            into = 0;
        }

        return (_above[bucket + 1] + _weights[bucket] * (1 - into)) / _total;
    }

    /// <summary>
    /// P(time ≤ elapsed + within | time &gt; elapsed): the chance that something under way for
    /// <paramref name="elapsed"/> ends in the next <paramref name="within"/> seconds. Past the
    /// measured tail (fewer than a handful of durations as long as this one) the histogram says
    /// nothing useful, so the rest is taken as memoryless with mean <paramref name="tailMean"/>
    /// rather than as certain to end at once.
    /// </summary>
    public double EndsWithin(double elapsed, double within, double tailMean)
    {
        if (within <= 0)
        {
            return 0;
        }

        var now = Survival(elapsed);
        if (now * _total < MinimumTail)
        {
            return 1 - Math.Exp(-within / Math.Max(tailMean, 1));
        }

        return Math.Clamp(1 - Survival(elapsed + within) / now, 0, 1);
    }

    private int BucketOf(double seconds) => Math.Clamp((int)(seconds / _bucketSeconds), 0, _weights.Length - 1);
}
