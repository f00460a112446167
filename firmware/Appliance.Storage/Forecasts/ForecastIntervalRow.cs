using SQLite;

namespace Appliance.Storage.Forecasts;

/// <summary>
/// One queue's forecast for one 15-minute interval (table <c>ForecastInterval</c>), as it was
/// made at <see cref="ComputedUtc"/>; a newer forecast of the same interval replaces it, so a
/// report can put the last forecast beside what happened. Durations are whole milliseconds.
/// </summary>
[Table("ForecastInterval")]
public sealed class ForecastIntervalRow
{
    /// <summary><c>queue@StartUtc</c>.</summary>
    [PrimaryKey]
    public string Id { get; set; } = "";

    [NotNull, Indexed]
    public string Queue { get; set; } = "";

    /// <summary>ISO 8601 UTC start of the interval, as <c>QueueInterval.StartUtc</c> writes it.</summary>
    [NotNull, Indexed]
    public string StartUtc { get; set; } = "";

    /// <summary>Calls expected to arrive (a mean, so fractional).</summary>
    public double Offered { get; set; }

    public long HandleTimeMs { get; set; }

    /// <summary>Measured patience; null when nobody in the history hung up.</summary>
    public long? PatienceMs { get; set; }

    public int AgentsErlangC { get; set; }

    public int AgentsErlangA { get; set; }

    /// <summary>Share answered within the target with <see cref="AgentsErlangC"/> agents; null
    /// when no call is expected.</summary>
    public double? ExpectedServiceLevel { get; set; }

    /// <summary>ISO 8601 UTC time the forecast was made.</summary>
    [NotNull]
    public string ComputedUtc { get; set; } = "";
}
