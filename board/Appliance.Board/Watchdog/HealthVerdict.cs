namespace Appliance.Board.Watchdog;

/// <summary>The outcome of one round of health checks.</summary>
/// <param name="Healthy">True when every check passed.</param>
/// <param name="Problem">What failed, in a few words; null when healthy.</param>
public readonly record struct HealthVerdict(bool Healthy, string? Problem)
{
    public static HealthVerdict Pass { get; } = new(true, null);

    public static HealthVerdict Fail(string problem) => new(false, problem);
}
