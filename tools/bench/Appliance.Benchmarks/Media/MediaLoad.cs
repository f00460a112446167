using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Media.Audio;
using Appliance.Media.Codecs;
using Appliance.Media.Engine;
using Appliance.Media.Jitter;
using Appliance.Media.Rtp;
using Serilog.Core;

namespace Appliance.Benchmarks.Media;

/// <summary>
/// The media load run of tools/bench/media.sh: N calls, each a caller peer and an agent peer
/// (plain UDP sockets in this process sending 20 ms PCMU packets both ways on loopback), first
/// through a minimal relay (two sockets per call, each datagram forwarded as it came), then
/// through the real engine (two <see cref="RtpEndpoint"/>s with jitter buffers, a
/// <see cref="MediaBridge"/> and a stereo WAV recording per call). The figure is the process's
/// CPU time per call-second; both runs include the same load generator.
/// </summary>
public static class MediaLoad
{
    private const int PayloadBytes = 160;
    private const int HeaderBytes = 12;
    private static readonly TimeSpan s_packetInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(int calls, TimeSpan duration)
    {
        Console.Error.WriteLine($"media: {calls} calls for {duration.TotalSeconds} s, relay baseline first");
        var baseline = await MeasureAsync(calls, duration, RelayCallsAsync);
        Console.Error.WriteLine($"media: engine with recording");
        var engine = await MeasureAsync(calls, duration, EngineCallsAsync);

        var callSeconds = calls * duration.TotalSeconds;
        var engineMs = engine.Cpu.TotalMilliseconds / callSeconds;
        var baselineMs = baseline.Cpu.TotalMilliseconds / callSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"relay baseline: {baseline.Forwarded} packets, {baselineMs:0.000} cpu-ms per call-second"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"engine: {engine.Forwarded} packets received, {engineMs:0.000} cpu-ms per call-second"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"media: {calls} calls, {engineMs:0.000} cpu-ms per call-second, "
                + $"baseline {baselineMs:0.000} cpu-ms per call-second, ratio {engineMs / baselineMs:0.00}"));
        return 0;
    }

    private static async Task<(TimeSpan Cpu, long Forwarded)> MeasureAsync(
        int calls,
        TimeSpan duration,
        Func<IReadOnlyList<Socket>, IReadOnlyList<Socket>, Func<Task>, Task<long>> run)
    {
        var callers = OpenPeers(calls);
        var agents = OpenPeers(calls);
        try
        {
            return await MeasureWithPeersAsync(callers, agents, duration, run);
        }
        finally
        {
            foreach (var socket in callers.Concat(agents))
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<(TimeSpan Cpu, long Forwarded)> MeasureWithPeersAsync(
        IReadOnlyList<Socket> callers,
        IReadOnlyList<Socket> agents,
        TimeSpan duration,
        Func<IReadOnlyList<Socket>, IReadOnlyList<Socket>, Func<Task>, Task<long>> run)
    {
        var cpu = TimeSpan.Zero;
        var forwarded = await run(callers, agents, async () =>
        {
            // The peers start sending only now, once every call is set up; a second of warm-up
            // is left out of the figure.
            using var stop = new CancellationTokenSource();
            var generator = new Thread(() => Generate(callers.Concat(agents).ToArray(), stop.Token))
            {
                IsBackground = true,
                Name = "media load generator",
            };
            generator.Start();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(duration);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
            await stop.CancelAsync();
            generator.Join();
        });
        return (cpu, forwarded);
    }

    private static Socket[] OpenPeers(int count)
    {
        var peers = new Socket[count];
        for (var i = 0; i < count; i++)
        {
            peers[i] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            peers[i].Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        return peers;
    }

    /// <summary>Each peer socket sends one packet per 20 ms to the address it is connected to.</summary>
    private static void Generate(Socket[] peers, CancellationToken stop)
    {
        var packet = new byte[HeaderBytes + PayloadBytes];
        for (var i = 0; i < PayloadBytes; i++)
        {
            // A µ-law square-ish wave: the recording has something to write.
            packet[HeaderBytes + i] = (byte)((i / 10) % 2 == 0 ? 0x2F : 0xAF);
        }

        var clock = Stopwatch.StartNew();
        var tick = 0L;
        while (!stop.IsCancellationRequested)
        {
            tick++;
            for (var p = 0; p < peers.Length; p++)
            {
                // RFC 3550 §5.1: version 2, PT 0, sequence, timestamp and SSRC per peer.
                packet[0] = 0x80;
                packet[1] = 0;
                packet[2] = (byte)(tick >> 8);
                packet[3] = (byte)tick;
                var timestamp = (uint)(tick * PayloadBytes);
                packet[4] = (byte)(timestamp >> 24);
                packet[5] = (byte)(timestamp >> 16);
                packet[6] = (byte)(timestamp >> 8);
                packet[7] = (byte)timestamp;
                packet[8] = 0x5A;
                packet[9] = 0;
                packet[10] = (byte)(p >> 8);
                packet[11] = (byte)p;
                try
                {
                    peers[p].Send(packet);
                }
                catch (SocketException)
                {
                    // ICMP port unreachable from an earlier send is reported here; keep going.
                }
            }

            var next = s_packetInterval * tick;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
    }

    private static async Task<long> RelayCallsAsync(
        IReadOnlyList<Socket> callers,
        IReadOnlyList<Socket> agents,
        Func<Task> whileRunning)
    {
        var relays = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var loops = new List<Task>();
        long forwarded = 0;
        for (var i = 0; i < callers.Count; i++)
        {
            var towardCaller = OpenPeers(1)[0];
            var towardAgent = OpenPeers(1)[0];
            relays.Add(towardCaller);
            relays.Add(towardAgent);
            callers[i].Connect(towardCaller.LocalEndPoint!);
            agents[i].Connect(towardAgent.LocalEndPoint!);
            towardCaller.Connect(callers[i].LocalEndPoint!);
            towardAgent.Connect(agents[i].LocalEndPoint!);
            loops.Add(Forward(towardCaller, towardAgent));
            loops.Add(Forward(towardAgent, towardCaller));
        }

        async Task Forward(Socket from, Socket to)
        {
            var buffer = new byte[1500];
            try
            {
                while (true)
                {
                    var length = await from.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    await to.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, stop.Token);
                    Interlocked.Increment(ref forwarded);
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
            catch (SocketException)
            {
                // A peer went away at the end of the run.
            }
        }

        await whileRunning();
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        foreach (var socket in relays)
        {
            socket.Dispose();
        }

        return forwarded;
    }

    private static async Task<long> EngineCallsAsync(
        IReadOnlyList<Socket> callers,
        IReadOnlyList<Socket> agents,
        Func<Task> whileRunning)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sparkle-media-bench-" + Guid.NewGuid().ToString("N"));
        var log = Logger.None;
        var ports = new MediaPortAllocator(30000, 39999);
        await using var clock = new MediaClock(log);
        var endpoints = new List<RtpEndpoint>();
        var bridges = new List<MediaBridge>();
        try
        {
            for (var i = 0; i < callers.Count; i++)
            {
                var caller = RtpEndpoint.Open(IPAddress.Loopback, ports, clock, log);
                var agent = RtpEndpoint.Open(IPAddress.Loopback, ports, clock, log);
                endpoints.Add(caller);
                endpoints.Add(agent);
                caller.Configure((IPEndPoint)callers[i].LocalEndPoint!, AudioCodec.Pcmu, 0, 101);
                agent.Configure((IPEndPoint)agents[i].LocalEndPoint!, AudioCodec.Pcmu, 0, 101);
                caller.JitterBuffer = new AdaptiveJitterBuffer(TimeProvider.System);
                agent.JitterBuffer = new AdaptiveJitterBuffer(TimeProvider.System);
                callers[i].Connect(new IPEndPoint(IPAddress.Loopback, caller.LocalPort));
                agents[i].Connect(new IPEndPoint(IPAddress.Loopback, agent.LocalPort));
                var recorder = new StereoWavRecorder(Path.Combine(folder, $"call-{i}.wav"));
                bridges.Add(new MediaBridge(caller, agent, clock, recorder, log));
            }

            await whileRunning();
            return endpoints.Sum(e => e.PacketsReceived);
        }
        finally
        {
            foreach (var bridge in bridges)
            {
                bridge.Dispose();
            }

            foreach (var endpoint in endpoints)
            {
                await endpoint.DisposeAsync();
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
