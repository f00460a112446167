using System.Buffers.Binary;
using System.Net;

namespace Appliance.Web.Network;

/// <summary>An IPv4 subnet: an address and a prefix length 0-32.</summary>
internal readonly record struct Ipv4Subnet
{
    private readonly uint _network;
    private readonly uint _mask;

    public Ipv4Subnet(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)prefixLength, 32u, nameof(prefixLength));

        _mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        _network = Bits(address) & _mask;
        PrefixLength = prefixLength;
    }

    public int PrefixLength { get; }

    public bool Contains(IPAddress address) => (Bits(address) & _mask) == _network;

    public bool IsNetworkOrBroadcast(IPAddress address) =>
        PrefixLength < 31 && (Bits(address) == _network || Bits(address) == (_network | ~_mask));

    public override string ToString()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, _network);
        return $"{new IPAddress(bytes)}/{PrefixLength}";
    }

    /// <summary>The prefix length of a dotted netmask; false when its one bits have a hole.</summary>
    public static bool TryPrefixLength(IPAddress mask, out int prefixLength)
    {
        var bits = Bits(mask);
        prefixLength = 0;
        while (prefixLength < 32 && (bits & (0x8000_0000u >> prefixLength)) != 0)
        {
            prefixLength++;
        }

        // Every bit after the leading ones must be zero.
        return prefixLength == 32 || (bits & (uint.MaxValue >> prefixLength)) == 0;
    }

    private static uint Bits(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
}
