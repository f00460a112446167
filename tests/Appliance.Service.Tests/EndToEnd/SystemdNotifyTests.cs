using System.Net.Sockets;
using System.Text;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// The service under systemd's watchdog (WatchdogSec=): it pings WATCHDOG=1 over the notify
/// socket while its health probe passes. The socket here stands in for systemd's, handed to the
/// real service process as NOTIFY_SOCKET. (READY=1 comes from the host's systemd lifetime, which
/// speaks only when systemd is the parent process; the image's boot test sees that one.)
/// </summary>
[Trait("Category", "Integration")]
public sealed class SystemdNotifyTests
{
    [Fact]
    public async Task TheServiceFeedsTheWatchdogWhileItAnswersSip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sparklecc-notify-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        var environment = new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = path,
            ["WATCHDOG_USEC"] = "2000000",
        };

        await using var service = await ApplianceProcess.StartAsync(environment);
        var states = await ReceiveAsync(socket, count: 3, TimeSpan.FromSeconds(30));

        Assert.True(
            states.Count(s => s == "WATCHDOG=1") >= 2,
            $"Expected two watchdog pings; the service sent: {string.Join(" | ", states)}");
        File.Delete(path);
    }

    private static async Task<List<string>> ReceiveAsync(Socket socket, int count, TimeSpan wait)
    {
        var states = new List<string>();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (states.Count(s => s == "WATCHDOG=1") < count - 1)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                states.Add(Encoding.ASCII.GetString(buffer, 0, read).Trim());
            }
        }
        catch (OperationCanceledException)
        {
            // Whatever arrived in time is judged by the assertions.
        }

        return states;
    }
}
