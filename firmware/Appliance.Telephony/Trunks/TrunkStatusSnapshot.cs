namespace Appliance.Telephony.Trunks;

/// <summary>
/// Trunk and channel state at one moment, for the web UI, the LCD and outbound routing. Immutable;
/// a new one is taken for each look.
/// </summary>
public sealed record TrunkStatusSnapshot(
    DateTimeOffset TakenUtc,
    IReadOnlyList<TrunkGroupStatus> Groups,
    IReadOnlyList<TrunkPortStatus> Ports,
    bool UpstreamReachable)
{
    /// <summary>The channels busy with a call, by port then channel.</summary>
    public IReadOnlyList<TrunkChannelStatus> Channels { get; init; } = [];

    public TrunkGroupStatus? Group(string name)
    {
        foreach (var group in Groups)
        {
            if (group.Name == name)
            {
                return group;
            }
        }

        return null;
    }
}
