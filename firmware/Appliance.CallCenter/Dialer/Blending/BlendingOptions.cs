namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>Thresholds of <see cref="Blender"/>.</summary>
public sealed record BlendingOptions
{
    /// <summary>Waiting inbound calls at or above which inbound is under pressure.</summary>
    public int WaitingCallsHigh { get; init; } = 1;

    /// <summary>Service level under which inbound is under pressure (0.8 = 80 %).</summary>
    public double ServiceLevelLow { get; init; } = 0.8;

    /// <summary>Service level inbound must be back to, with no call waiting, to count as quiet.</summary>
    public double ServiceLevelQuiet { get; init; } = 0.9;

    /// <summary>How long inbound must stay quiet before agents return to outbound.</summary>
    public TimeSpan QuietTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Idle agents kept on inbound when the others return to outbound.</summary>
    public int InboundReserve { get; init; } = 1;
}
