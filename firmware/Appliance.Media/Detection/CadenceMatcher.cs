namespace Appliance.Media.Detection;

/// <summary>
/// Follows the on and off runs of one tone, 20 ms frame by frame, and says when the runs
/// just ended match its cadence: a whole cycle and one more "on" (for a simple on/off tone, on,
/// off, on), each within 25 % of its step, starting at any step of the cycle. A run that fits no
/// step, a tone that never stops and a tone that never starts do not match.
/// </summary>
/// <remarks>Not thread-safe. Nothing is allocated per frame.</remarks>
internal sealed class CadenceMatcher
{
    private const double Tolerance = 0.25;

    private readonly double[] _stepsMs;
    private readonly double[] _runsMs;
    private readonly int _frameMs;
    private bool _on;
    private int _run;
    private int _completed;

    public CadenceMatcher(IReadOnlyList<TimeSpan> cadence, int frameMs)
    {
        _stepsMs = [.. cadence.Select(s => s.TotalMilliseconds)];
        _runsMs = new double[_stepsMs.Length + 1];
        _frameMs = frameMs;
    }

    /// <summary>Takes one frame: whether the tone was on in it. True once the cadence matched.</summary>
    public bool Frame(bool on)
    {
        if (on == _on)
        {
            _run++;
            return false;
        }

        // The first run (before the tone began) has no known length; it is not kept.
        var endedOn = _on;
        if (_on || _completed > 0)
        {
            Array.Copy(_runsMs, 1, _runsMs, 0, _runsMs.Length - 1);
            _runsMs[^1] = _run * _frameMs;
            _completed = Math.Min(_completed + 1, _runsMs.Length);
        }

        _on = on;
        _run = 1;
        return endedOn && _completed == _runsMs.Length && Matches();
    }

    // The kept runs start and end with "on"; try each "on" step of the cycle as the first.
    private bool Matches()
    {
        for (var start = 0; start < _stepsMs.Length; start += 2)
        {
            var fits = true;
            for (var i = 0; i < _runsMs.Length && fits; i++)
            {
                var expected = _stepsMs[(start + i) % _stepsMs.Length];
                fits = Math.Abs(_runsMs[i] - expected) <= expected * Tolerance;
            }

            if (fits)
            {
                return true;
            }
        }

        return false;
    }
}
