using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Appliance.Telephony.Tests.Support;

/// <summary>A Serilog logger that keeps every event rendered (without quotes), for assertions.</summary>
internal sealed class CapturedEvents : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public CapturedEvents()
    {
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger { get; }

    /// <summary>Each event as its level and rendered text.</summary>
    public IReadOnlyList<(LogEventLevel, string)> Rendered
    {
        get
        {
            lock (_events)
            {
                return [.. _events.Select(e => (e.Level, Render(e)))];
            }
        }
    }

    public IReadOnlyList<string> All => [.. Rendered.Select(e => e.Item2)];

    public IReadOnlyList<string> At(LogEventLevel level) =>
        [.. Rendered.Where(e => e.Item1 == level).Select(e => e.Item2)];

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    private static string Render(LogEvent e) => e.RenderMessage(null).Replace("\"", "", StringComparison.Ordinal);
}
