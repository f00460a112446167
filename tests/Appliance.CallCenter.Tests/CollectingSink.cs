using Serilog.Core;
using Serilog.Events;

namespace Appliance.CallCenter.Tests;

/// <summary>A Serilog sink that keeps every event, so tests can read what was logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
