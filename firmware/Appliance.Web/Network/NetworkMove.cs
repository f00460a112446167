using System.Net;

namespace Appliance.Web.Network;

/// <summary>
/// Whether a save takes away the address the admin reached the page on, so that the page would
/// stop answering there: the admin must confirm it, and is told where the page goes.
/// </summary>
internal static class NetworkMove
{
    /// <param name="local">The box's address the request came in on.</param>
    /// <param name="port">The port the request came in on.</param>
    /// <param name="saved">The settings before the save.</param>
    /// <param name="next">The settings being saved.</param>
    /// <returns>Null when the page stays where it is; else where it goes: the new static
    /// address's URL, or a sentence saying DHCP chooses it.</returns>
    public static string? Where(IPAddress? local, int port, NetworkConfiguration saved, NetworkConfiguration next)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(next);

        if (local is null || IPAddress.IsLoopback(local))
        {
            // On the box itself (or a tunnel to it) the page stays at 127.0.0.1.
            return null;
        }

        var address = local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local;
        if (!next.Dhcp)
        {
            return address.Equals(next.Address) ? null : $"https://{next.Address}:{port}/network";
        }

        return !saved.Dhcp && address.Equals(saved.Address)
            ? "the address the DHCP server gives the box (the front panel's status screen shows it)"
            : null;
    }
}
