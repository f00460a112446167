using Appliance.CallCenter.Forecasting;

namespace Appliance.Storage.Forecasts;

/// <summary>One stored interval forecast of <paramref name="Queue"/> and when it was made.</summary>
public sealed record StoredForecast(string Queue, IntervalForecast Interval, DateTimeOffset ComputedUtc);
