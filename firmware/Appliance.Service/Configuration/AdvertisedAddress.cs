using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Appliance.Service.Configuration;

/// <summary>Chooses the address phones should send to when the admin did not set one.</summary>
internal static class AdvertisedAddress
{
    public static IPAddress Choose(IPAddress bindAddress, IPAddress? configured)
    {
        if (configured is not null)
        {
            return configured;
        }

        if (!bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any))
        {
            return bindAddress;
        }

        // The first IPv4 address of an interface that is up and not loopback; a box with no
        // network yet still works for calls from itself.
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up
                || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return unicast.Address;
                }
            }
        }

        return IPAddress.Loopback;
    }
}
