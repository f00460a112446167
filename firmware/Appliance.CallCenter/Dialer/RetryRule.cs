namespace Appliance.CallCenter.Dialer;

/// <summary>
/// How to retry after one kind of result: wait at least <paramref name="MinimumGap"/> after the
/// attempt, and stop once <paramref name="MaxAttempts"/> attempts have ended with that result.
/// </summary>
public readonly record struct RetryRule(TimeSpan MinimumGap, int MaxAttempts);
