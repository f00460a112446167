using System.Diagnostics;
using System.Text;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Collects a started process's stdout and stderr lines (interleaved as they arrive) and signals when
/// a line containing a marker text has been seen. Thread-safe.
/// </summary>
public sealed class ProcessOutput
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();
    private readonly string? _marker;
    private readonly TaskCompletionSource _markerSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts reading both streams; the process must redirect them and not have been read yet.</summary>
    public ProcessOutput(Process process, string? marker = null)
    {
        _marker = marker;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public bool MarkerSeen => _markerSeen.Task.IsCompleted;

    /// <summary>True when the marker line arrived within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForMarkerAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_markerSeen.Task, Task.Delay(timeout));
        return finished == _markerSeen.Task;
    }

    /// <summary>
    /// True when a line containing <paramref name="text"/> arrived, or arrives within
    /// <paramref name="timeout"/>; checks every 100 ms.
    /// </summary>
    public async Task<bool> WaitForTextAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Text.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return true;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.AppendLine(line);
        }

        if (_marker is not null && line.Contains(_marker, StringComparison.Ordinal))
        {
            _markerSeen.TrySetResult();
        }
    }
}
