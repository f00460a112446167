using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Appliance.Media.Tests;

/// <summary>A Serilog logger that keeps every event, so tests can assert on what was logged.</summary>
internal sealed class CapturingLog : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public CapturingLog()
    {
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger { get; }

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

    public int Count(LogEventLevel level) => Events.Count(e => e.Level == level);

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
