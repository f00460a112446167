namespace Appliance.Web.Network;

/// <summary>The network page's view of the box.</summary>
/// <param name="Interface">The interface the board profile configures (<c>eth0</c>, or a match
/// such as <c>en*</c>).</param>
/// <param name="Applies">True when a save is applied to the running box; false on the virtual
/// board (a laptop), where the files are written and nothing else.</param>
/// <param name="Saved">The settings in the files; DHCP when no address file was written.</param>
/// <param name="HostNameNow">The host name the operating system has now.</param>
/// <param name="Addresses">The IPv4 addresses the box has now, as <c>interface address/prefix</c>.</param>
/// <param name="SipAdvertisedAs">The address the SIP service puts in Contact and SDP.</param>
/// <param name="Files">The files a save writes: network, host name, NTP.</param>
public sealed record NetworkState(
    string Interface,
    bool Applies,
    NetworkConfiguration Saved,
    string HostNameNow,
    IReadOnlyList<string> Addresses,
    string SipAdvertisedAs,
    IReadOnlyList<string> Files);
