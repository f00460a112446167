namespace Appliance.Drivers.CallerId;

/// <summary>
/// One decoded caller-ID message. <see cref="Number"/> is null when the exchange sent a reason
/// instead (<see cref="NumberAbsence"/>); a DTMF message carries no timestamp and no name.
/// </summary>
public sealed record CallerIdMessage
{
    public CallerIdFormat Format { get; init; }

    public CallerIdTimestamp? Timestamp { get; init; }

    public string? Number { get; init; }

    public CallerIdAbsence NumberAbsence { get; init; }

    public string? Name { get; init; }

    public CallerIdAbsence NameAbsence { get; init; }
}
