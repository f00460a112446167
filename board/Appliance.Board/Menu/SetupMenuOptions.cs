using Appliance.Board.Network;
using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>What the setup menu acts on.</summary>
internal sealed record SetupMenuOptions
{
    public required IBoardActions Actions { get; init; }

    public required INetworkApplier Network { get; init; }

    /// <summary>Where the networkd file is written.</summary>
    public required string NetworkDirectory { get; init; }

    /// <summary>The interface (or networkd match pattern) the network menu configures.</summary>
    public required string NetworkInterface { get; init; }

    public required string Version { get; init; }

    public required string Serial { get; init; }

    /// <summary>The root slots for the Version screen, or null on a box without A/B slots.</summary>
    public Func<RootSlots?>? Slots { get; init; }

    public required int Rows { get; init; }
}
