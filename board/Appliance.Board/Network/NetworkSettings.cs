using System.Net;

namespace Appliance.Board.Network;

/// <summary>The address settings of the box's network interface, as the front panel's network
/// menu and the web page <c>/network</c> set them.</summary>
/// <param name="Dhcp">True to take everything from DHCP; the other values are then ignored.</param>
/// <param name="Address">The static IPv4 address.</param>
/// <param name="PrefixLength">The netmask as a prefix length, 0-32.</param>
/// <param name="Gateway">The default gateway, or null for none.</param>
/// <param name="Dns">The DNS servers in the order they are asked; the panel edits the first.</param>
public sealed record NetworkSettings(
    bool Dhcp,
    IPAddress? Address,
    int PrefixLength,
    IPAddress? Gateway,
    IReadOnlyList<IPAddress> Dns)
{
    public static NetworkSettings FromDhcp { get; } = new(Dhcp: true, null, 0, null, []);

    /// <summary>Equal when every value and every DNS server, in order, is.</summary>
    public bool Equals(NetworkSettings? other) =>
        other is not null
        && Dhcp == other.Dhcp
        && Equals(Address, other.Address)
        && PrefixLength == other.PrefixLength
        && Equals(Gateway, other.Gateway)
        && Dns.SequenceEqual(other.Dns);

    public override int GetHashCode() => HashCode.Combine(Dhcp, Address, PrefixLength, Gateway, Dns.Count);
}
