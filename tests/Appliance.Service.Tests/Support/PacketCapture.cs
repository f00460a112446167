using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// A dumpcap capture of the loopback interface into a classic pcap file (package tshark; needs root
/// or the capture capabilities dumpcap is installed with). This is how the end-to-end tests hear what
/// each peer received without changing the peers: SIPp does not record the RTP it receives, so the
/// datagrams the service sends to each peer's media port are taken off the wire and decoded.
/// </summary>
/// <remarks>
/// Checked before the service existed with two SIPp instances streaming the caller's and the agent's
/// tones to each other (caller.xml against agent-answers.xml): 440 Hz arrived at the agent's port,
/// 1000 Hz at the caller's, and the RFC 4733 digit from the caller's -mp port. Besides the caller's
/// filter, the capture takes the sentinel datagrams <see cref="StopAsync"/> sends to a port of its
/// own to know the file is complete; they are left out of what it returns.
/// </remarks>
public sealed class PacketCapture : IAsyncDisposable
{
    private static readonly TimeSpan s_flushTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _path;
    private readonly ProcessOutput _output;
    private readonly int _sentinelPort;

    private PacketCapture(Process process, string path, ProcessOutput output, int sentinelPort)
    {
        _process = process;
        _path = path;
        _output = output;
        _sentinelPort = sentinelPort;
    }

    /// <summary>Starts capturing on lo with a BPF <paramref name="filter"/>; returns once dumpcap listens.</summary>
    /// <exception cref="InvalidOperationException">
    /// dumpcap is missing, was refused the interface or did not start.
    /// </exception>
    public static async Task<PacketCapture> StartAsync(string filter, string directory)
    {
        var path = Path.Combine(directory, $"capture-{Guid.NewGuid():N}.pcap");
        var sentinelPort = FreePorts.Sip();
        var start = new ProcessStartInfo("dumpcap")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var captured = $"({filter}) or (udp dst port {sentinelPort})";
        foreach (var argument in new[] { "-q", "-i", "lo", "-f", captured, "-P", "-w", path })
        {
            start.ArgumentList.Add(argument);
        }

        var process = ExternalTool.Start(start, "dumpcap (package tshark)");
        var output = new ProcessOutput(process, "Capturing on");
        var capture = new PacketCapture(process, path, output, sentinelPort);
        if (!await output.WaitForMarkerAsync(TimeSpan.FromSeconds(10)))
        {
            await capture.DisposeAsync();
            throw new InvalidOperationException($"dumpcap did not start capturing on lo:\n{output.Text}");
        }

        return capture;
    }

    /// <summary>
    /// Waits until everything sent so far is in the file, stops the capture (SIGINT, so dumpcap
    /// closes the file) and reads its UDP datagrams.
    /// </summary>
    /// <exception cref="InvalidOperationException">The capture could not be flushed or read.</exception>
    public async Task<IReadOnlyList<CapturedDatagram>> StopAsync()
    {
        if (!_process.HasExited)
        {
            await FlushAsync();
            await Signals.InterruptAsync(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return File.Exists(_path)
            ? PcapFile.ReadUdp(_path).Where(d => d.Destination.Port != _sentinelPort).ToList()
            : throw new InvalidOperationException($"dumpcap wrote no {_path}:\n{_output.Text}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_path);
    }

    // A SIGINT alone loses the packets the kernel still holds in its capture ring (hundreds of
    // milliseconds of them: the tail of a call, its BYE). Packets leave the ring in order, so once a
    // sentinel datagram sent now is in the file, so is everything before it.
    private async Task FlushAsync()
    {
        var marker = Encoding.ASCII.GetBytes($"sparklecc-capture-sentinel-{Guid.NewGuid():N}");
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var sentinel = new IPEndPoint(IPAddress.Loopback, _sentinelPort);
        var deadline = DateTime.UtcNow + s_flushTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await socket.SendAsync(marker, sentinel);
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            if (FileHolds(marker))
            {
                return;
            }
        }

        throw new InvalidOperationException(
            $"dumpcap did not write the sentinel datagram to {_path} in {s_flushTimeout}:\n{_output.Text}");
    }

    private bool FileHolds(byte[] marker)
    {
        if (!File.Exists(_path))
        {
            return false;
        }

        using var file = new FileStream(
            _path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(marker) >= 0;
    }
}
