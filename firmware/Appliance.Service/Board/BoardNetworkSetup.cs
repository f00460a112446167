using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Appliance.Board.Network;
using Appliance.Web.Network;
using Serilog;

namespace Appliance.Service.Board;

/// <summary>
/// The web page's network settings over the board's own files: the networkd file the front panel
/// writes and reads (<see cref="NetworkdFile"/>), the host name file the image's boot script
/// takes (<see cref="HostNameFile"/>) and the timesyncd drop-in (<see cref="TimesyncdDropIn"/>),
/// all in <c>Board:NetworkDirectory</c>; the address is applied through the same
/// <see cref="INetworkApplier"/> as the panel's.
/// </summary>
/// <remarks>Thread-safe: saves are serialised so two admins never interleave their files.</remarks>
internal sealed class BoardNetworkSetup : INetworkSetup
{
    private readonly BoardSettings _board;
    private readonly INetworkApplier _applier;
    private readonly IPAddress _sipAdvertised;
    private readonly ILogger _log;
    private readonly Lock _saving = new();

    public BoardNetworkSetup(BoardSettings board, INetworkApplier applier, IPAddress sipAdvertised, ILogger log)
    {
        _board = board;
        _applier = applier;
        _sipAdvertised = sipAdvertised;
        _log = log.ForContext<BoardNetworkSetup>();
    }

    private string Directory => _board.NetworkDirectory;

    public NetworkState Read()
    {
        var address = NetworkdFile.TryRead(Directory) ?? NetworkSettings.FromDhcp;
        var hostNow = Dns.GetHostName();
        var saved = new NetworkConfiguration(
            address.Dhcp,
            address.Address,
            address.PrefixLength,
            address.Gateway,
            address.Dns,
            HostNameFile.TryRead(Directory) ?? hostNow,
            TimesyncdDropIn.Read(Directory));
        return new NetworkState(
            _board.Profile.NetworkInterface,
            Applies: !_board.Profile.IsVirtual,
            saved,
            hostNow,
            LiveAddresses(),
            _sipAdvertised.ToString(),
            [
                Path.Combine(Directory, NetworkdFile.FileName),
                Path.Combine(Directory, HostNameFile.FileName),
                TimesyncdDropIn.PathIn(Directory),
            ]);
    }

    public IReadOnlyList<string> Save(NetworkConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var settings = configuration.Dhcp
            ? NetworkSettings.FromDhcp
            : new NetworkSettings(
                Dhcp: false,
                configuration.Address,
                configuration.PrefixLength,
                configuration.Gateway,
                configuration.Dns);
        var written = new List<string>(3);
        lock (_saving)
        {
            // Host name and NTP first: a box that fails half-way keeps its old address, so it stays reachable.
            if (configuration.HostName is { } hostName)
            {
                written.Add(HostNameFile.Write(Directory, hostName));
            }

            written.Add(TimesyncdDropIn.Write(Directory, configuration.NtpServers));
            written.Add(NetworkdFile.Write(Directory, _board.Profile.NetworkInterface, settings));
        }

        _log.Information(
            "Web page set {NetworkInterface} to {NetworkMode} {Address}/{PrefixLength}, host name {HostName}, "
            + "NTP {NtpServers} in {NetworkDirectory}",
            _board.Profile.NetworkInterface,
            settings.Dhcp ? "DHCP" : "static",
            settings.Address,
            settings.PrefixLength,
            configuration.HostName,
            configuration.NtpServers,
            Directory);
        _applier.Apply(_board.Profile.NetworkInterface);
        return written;
    }

    /// <summary>Every IPv4 address of an interface that is up, loopback left out.</summary>
    private static List<string> LiveAddresses()
    {
        var addresses = new List<string>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up
                || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            addresses.AddRange(nic.GetIPProperties().UnicastAddresses
                .Where(u => u.Address.AddressFamily == AddressFamily.InterNetwork)
                .Select(u => $"{nic.Name} {u.Address}/{u.PrefixLength}"));
        }

        return addresses;
    }
}
