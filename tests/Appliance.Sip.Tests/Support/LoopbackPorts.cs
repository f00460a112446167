using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Sip.Tests.Support;

/// <summary>Free loopback UDP ports for peers started as processes, and a wait until one is bound.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free a moment ago; the peer that takes it may race another test, rarely.</summary>
    public static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    /// <summary>Waits until a process has bound <paramref name="port"/> (read from /proc/net/udp).</summary>
    /// <exception cref="TimeoutException">Nothing bound it within <paramref name="timeout"/>.</exception>
    public static async Task WaitUntilBoundAsync(int port, TimeSpan timeout)
    {
        var needle = string.Create(CultureInfo.InvariantCulture, $":{port:X4} ");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var table = await File.ReadAllTextAsync("/proc/net/udp");
            if (table.Contains(needle, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        throw new TimeoutException($"nothing bound UDP port {port} within {timeout}");
    }
}
