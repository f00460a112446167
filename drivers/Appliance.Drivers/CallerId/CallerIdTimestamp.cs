namespace Appliance.Drivers.CallerId;

/// <summary>
/// The date and time an exchange puts in a caller-ID message: eight ASCII digits MMDDHHMM, with no
/// year and no zone (the exchange's local time).
/// </summary>
public readonly record struct CallerIdTimestamp(int Month, int Day, int Hour, int Minute);
