namespace Appliance.Web.Network;

/// <summary>The network page's form, as typed.</summary>
/// <param name="Mode"><c>dhcp</c> or <c>static</c>.</param>
/// <param name="Address">The static IPv4 address, dotted.</param>
/// <param name="Netmask">Dotted (<c>255.255.255.0</c>) or a prefix (<c>24</c>, <c>/24</c>).</param>
/// <param name="Gateway">The default gateway; empty for none.</param>
/// <param name="Dns">DNS servers separated by spaces or commas.</param>
/// <param name="HostName">The box's host name (RFC 1123).</param>
/// <param name="Ntp">NTP servers separated by spaces or commas; empty for the defaults.</param>
/// <param name="ConfirmMove">Any non-empty value: the admin accepts that the page moves to the
/// new address.</param>
internal sealed record NetworkRequest(
    string? Mode,
    string? Address,
    string? Netmask,
    string? Gateway,
    string? Dns,
    string? HostName,
    string? Ntp,
    string? ConfirmMove);
