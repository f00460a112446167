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
