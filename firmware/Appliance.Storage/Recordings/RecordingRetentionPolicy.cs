namespace Appliance.Storage.Recordings;

/// <summary>
/// How long recordings are kept and how much disk they may take. Either limit may be off (null);
/// with both off nothing is ever deleted.
/// </summary>
public sealed record RecordingRetentionPolicy
{
    /// <summary>Recordings that started longer ago than this are deleted; null keeps them.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>
    /// The most bytes all indexed recordings may take together; past it the oldest are deleted
    /// until they fit. Null has no cap.
    /// </summary>
    public long? MaxBytes { get; init; }

    /// <summary>How often the policy is applied; one hour by default.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    public bool IsOff => MaxAge is null && MaxBytes is null;

    /// <summary>Checks the limits, naming the configuration key of a bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive, or the interval is
    /// under a minute or over a day.</exception>
    public void Validate()
    {
        if (MaxAge is { } age && age <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                "Recording:RetentionDays", age, "The retention must be at least one day, or 0 for no limit.");
        }

        if (MaxBytes is { } bytes && bytes <= 0)
        {
            throw new ArgumentOutOfRangeException(
                "Recording:MaxDiskMegabytes", bytes, "The disk cap must be positive, or 0 for no cap.");
        }

        if (Interval < TimeSpan.FromMinutes(1) || Interval > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(
                "Recording:RetentionInterval", Interval, "The interval must be between a minute and a day.");
        }
    }
}
