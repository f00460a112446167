using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Appliance.Board.Watchdog;
using Appliance.Storage;

namespace Appliance.Service.Board;

/// <summary>
/// The service's health as the watchdog sees it: the database takes a write, and (on a real
/// board) the SIP stack answers an OPTIONS sent to its own port, which proves the UDP receive
/// loop, the transaction layer and the switchboard all still run.
/// </summary>
internal sealed class ServiceHealthProbe : IHealthProbe
{
    private readonly ApplianceDatabase _database;
    private readonly IPEndPoint? _sip;
    private readonly TimeProvider _time;

    /// <param name="database">The database to write a heartbeat to.</param>
    /// <param name="sip">The SIP port to ask with OPTIONS; null skips that check.</param>
    /// <param name="time">The clock stamped on the heartbeat.</param>
    public ServiceHealthProbe(ApplianceDatabase database, IPEndPoint? sip, TimeProvider time)
    {
        _database = database;
        _sip = sip;
        _time = time;
    }

    public async ValueTask<HealthVerdict> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
            _database.SetSetting("board.health-check", now);
        }
        catch (Exception ex) when (ex is SQLite.SQLiteException or IOException or ObjectDisposedException)
        {
            return HealthVerdict.Fail("database not writable: " + ex.Message);
        }

        if (_sip is null)
        {
            return HealthVerdict.Pass;
        }

        return await AskSipAsync(_sip, cancellationToken).ConfigureAwait(false)
            ? HealthVerdict.Pass
            : HealthVerdict.Fail("SIP does not answer OPTIONS");
    }

    /// <summary>RFC 3261 §11: an OPTIONS outside a dialog; any response means the stack runs.</summary>
    private static async Task<bool> AskSipAsync(IPEndPoint sip, CancellationToken cancellationToken)
    {
        var wildcard = sip.Address.Equals(IPAddress.Any) || sip.Address.Equals(IPAddress.IPv6Any);
        var target = wildcard ? new IPEndPoint(IPAddress.Loopback, sip.Port) : sip;
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(target.Address, 0));
        return await ExchangeAsync(socket, target, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ExchangeAsync(
        Socket socket,
        IPEndPoint target,
        CancellationToken cancellationToken)
    {
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var callId = "health-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var host = local.Address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{local.Address}]"
            : local.Address.ToString();
        string[] lines =
        [
            FormattableString.Invariant($"OPTIONS sip:{host}:{target.Port} SIP/2.0"),
            FormattableString.Invariant($"Via: SIP/2.0/UDP {host}:{local.Port};branch=z9hG4bK{callId}"),
            "Max-Forwards: 70",
            $"From: <sip:health@{host}>;tag={callId}",
            FormattableString.Invariant($"To: <sip:{host}:{target.Port}>"),
            $"Call-ID: {callId}",
            "CSeq: 1 OPTIONS",
            "Content-Length: 0",
        ];
        var request = string.Join("\r\n", lines) + "\r\n\r\n";
        await socket.SendToAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, target, cancellationToken)
            .ConfigureAwait(false);

        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)
                .ConfigureAwait(false);
            var text = Encoding.ASCII.GetString(buffer, 0, received);
            if (text.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
                && text.Contains(callId, StringComparison.Ordinal))
            {
                return true;
            }
        }
    }
}
