using System.Net;

namespace Appliance.Web.Network;

/// <summary>A checked set of network settings, as saved (see <see cref="NetworkCheck"/>).</summary>
/// <param name="Dhcp">True to take the address, gateway and DNS from DHCP.</param>
/// <param name="Address">The static IPv4 address; null with DHCP.</param>
/// <param name="PrefixLength">The netmask as a prefix length; 0 with DHCP.</param>
/// <param name="Gateway">The default gateway, or null for none.</param>
/// <param name="Dns">The DNS servers in order; empty with DHCP.</param>
/// <param name="HostName">The box's host name; null keeps the one it has.</param>
/// <param name="NtpServers">NTP host names or addresses; empty for timesyncd's own and DHCP's.</param>
public sealed record NetworkConfiguration(
    bool Dhcp,
    IPAddress? Address,
    int PrefixLength,
    IPAddress? Gateway,
    IReadOnlyList<IPAddress> Dns,
    string? HostName,
    IReadOnlyList<string> NtpServers)
{
    /// <summary>Each setting as the page and the audit log write it, by form field.</summary>
    public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mode"] = Dhcp ? "DHCP" : "static",
        ["address"] = Dhcp ? "-" : $"{Address}/{PrefixLength}",
        ["gateway"] = Dhcp ? "-" : Gateway?.ToString() ?? "none",
        ["dns"] = Dhcp ? "-" : string.Join(' ', Dns),
        ["hostName"] = HostName ?? "(unchanged)",
        ["ntp"] = NtpServers.Count == 0 ? "(default)" : string.Join(' ', NtpServers),
    };
}
