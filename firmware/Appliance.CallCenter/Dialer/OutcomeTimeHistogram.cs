namespace Appliance.CallCenter.Dialer;

/// <summary>
/// An exponentially forgetting histogram of how long attempts took to reach their result, in
/// one-second buckets (the last bucket holds everything longer). Gives the survival function
/// S(e) = P(time &gt; e) the predictive model needs for calls still ringing.
/// </summary>
internal sealed class OutcomeTimeHistogram
{
    private const int Buckets = 121;

    private readonly double[] _weights = new double[Buckets];
    private readonly double[] _above = new double[Buckets + 1];
    private readonly double _keep;
    private double _total;
    private bool _dirty;

    public OutcomeTimeHistogram(double smoothing) => _keep = 1 - smoothing;

    public void Add(TimeSpan duration)
    {
        for (var i = 0; i < Buckets; i++)
        {
            _weights[i] *= _keep;
        }

        _total = _total * _keep + 1;
        _weights[Math.Clamp((int)duration.TotalSeconds, 0, Buckets - 1)] += 1;
        _dirty = true;
    }

    /// <summary>P(time &gt; elapsed), with results in the elapsed second counted as half gone.</summary>
    public double Survival(TimeSpan elapsed)
    {
        if (_total <= 0)
        {
            return 1;
        }

        if (_dirty)
        {
            _above[Buckets] = 0;
            for (var i = Buckets - 1; i >= 0; i--)
            {
                _above[i] = _above[i + 1] + _weights[i];
            }

            _dirty = false;
        }

        var bucket = Math.Clamp((int)elapsed.TotalSeconds, 0, Buckets - 1);
        return (_above[bucket + 1] + _weights[bucket] / 2) / _total;
    }
}
