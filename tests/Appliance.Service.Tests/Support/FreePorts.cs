using System.Net;
using System.Net.Sockets;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Picks loopback UDP ports that are free right now. SIP ports come from the kernel's ephemeral range
/// (bind to port 0); media ports are drawn from 10000-19999 and the service's RTP range from
/// 20000-29999, both below Linux's ephemeral range (32768+), so they cannot collide with SIP ports.
/// </summary>
public static class FreePorts
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<int> s_handedOut = [];
    private static readonly Queue<(int First, int Count, int Low)> s_order = new();

    public static int Sip()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>An even port P with P..P+3 free: SIPp binds -mp and may bind -mp+2 for video.</summary>
    public static int Media() => Block(10000, 19999, 4);

    /// <summary>The first port of <paramref name="count"/> consecutive free ports for the service's RTP.</summary>
    public static int RtpRange(int count) => Block(20000, 29999, count);

    private static int Block(int low, int high, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = low + (Random.Shared.Next((high - low - count) / 2) * 2);
            lock (s_lock)
            {
                if (Enumerable.Range(first, count).Any(s_handedOut.Contains) || !AllFree(first, count))
                {
                    continue;
                }

                s_handedOut.UnionWith(Enumerable.Range(first, count));
                s_order.Enqueue((first, count, low));
                ForgetOldestBlocks(low, high);
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} free UDP ports between {low} and {high}.");
    }

    /// <summary>
    /// The handed-out set only keeps two tests from being given one block before either binds it;
    /// the bind check in <see cref="AllFree"/> guards ports still in use. Blocks handed out long ago
    /// are forgotten once they fill half the range, or a long suite (each service start takes 100
    /// RTP ports) would run out of blocks that were never marked free again.
    /// </summary>
    private static void ForgetOldestBlocks(int low, int high)
    {
        var inRange = s_order.Where(b => b.Low == low).Sum(b => b.Count);
        while (inRange > (high - low) / 2 && s_order.TryPeek(out var oldest))
        {
            s_order.Dequeue();
            if (oldest.Low != low)
            {
                s_order.Enqueue(oldest);
                continue;
            }

            s_handedOut.ExceptWith(Enumerable.Range(oldest.First, oldest.Count));
            inRange -= oldest.Count;
        }
    }

    private static bool AllFree(int first, int count)
    {
        for (var port = first; port < first + count; port++)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
