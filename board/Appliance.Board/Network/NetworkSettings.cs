using System.Net;

namespace Appliance.Board.Network;

/// <summary>The address settings of the panel's network menu.</summary>
/// <param name="Dhcp">True to take everything from DHCP; the other values are then ignored.</param>
/// <param name="Address">The static IPv4 address.</param>
/// <param name="PrefixLength">The netmask as a prefix length, 0-32.</param>
/// <param name="Gateway">The default gateway, or null for none.</param>
/// <param name="Dns">The DNS server, or null for none.</param>
public sealed record NetworkSettings(
    bool Dhcp,
    IPAddress? Address,
    int PrefixLength,
    IPAddress? Gateway,
    IPAddress? Dns)
{
    public static NetworkSettings FromDhcp { get; } = new(Dhcp: true, null, 0, null, null);
}
