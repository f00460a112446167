namespace Appliance.Board.Network;

/// <summary>Makes the network stack take up freshly written networkd files.</summary>
/// <remarks>Called on the panel loop: start the work and return.</remarks>
public interface INetworkApplier
{
    void Apply(string interfaceName);
}
