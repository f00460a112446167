namespace Appliance.Flash.Writing;

/// <summary>
/// Prints progress for one pass over the target. On a terminal it redraws one line in place
/// (carriage return, at most every 200 ms); elsewhere (a log, a pipe) it prints a plain line every
/// five seconds, so logs stay readable. <see cref="Complete"/> prints the final state once.
/// Not thread-safe: one writer thread reports.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan s_terminalInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _output;
    private readonly bool _isTerminal;
    private readonly TimeProvider _time;
    private readonly string _verb;
    private readonly long _totalBytes;
    private readonly long _started;
    private TimeSpan _lastPrinted;
    private int _lastWidth;

    public ProgressReporter(
        TextWriter output,
        bool isTerminal,
        TimeProvider time,
        string verb,
        long totalBytes)
    {
        _output = output;
        _isTerminal = isTerminal;
        _time = time;
        _verb = verb;
        _totalBytes = totalBytes;
        _started = time.GetTimestamp();
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    public void Report(long doneBytes)
    {
        var elapsed = Elapsed;
        if (elapsed - _lastPrinted < (_isTerminal ? s_terminalInterval : s_plainInterval))
        {
            return;
        }

        _lastPrinted = elapsed;
        Print(new ProgressSnapshot(doneBytes, _totalBytes, elapsed));
    }

    public void Complete(long doneBytes)
    {
        Print(new ProgressSnapshot(doneBytes, _totalBytes, Elapsed));
        if (_isTerminal)
        {
            _output.WriteLine();
        }
    }

    /// <summary>Ends a redrawn line before an error is printed under it.</summary>
    public void Abandon()
    {
        if (_isTerminal && _lastWidth > 0)
        {
            _output.WriteLine();
        }
    }

    private void Print(ProgressSnapshot snapshot)
    {
        if (!_isTerminal)
        {
            _output.WriteLine(ProgressFormatter.PlainLine(_verb, snapshot));
            return;
        }

        // Pad over the previous line: it may have been longer (a speed of "-- MB/s").
        var line = ProgressFormatter.TerminalLine(_verb, snapshot);
        _output.Write("\r" + line.PadRight(_lastWidth));
        _lastWidth = line.Length;
        _output.Flush();
    }
}
