using System.Diagnostics;

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
/// 1000 Hz at the caller's, and the RFC 4733 digit from the caller's -mp port.
/// </remarks>
public sealed class PacketCapture : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _path;
    private readonly ProcessOutput _output;

    private PacketCapture(Process process, string path, ProcessOutput output)
    {
        _process = process;
        _path = path;
        _output = output;
    }

    /// <summary>Starts capturing on lo with a BPF <paramref name="filter"/>; returns once dumpcap listens.</summary>
    /// <exception cref="InvalidOperationException">
    /// dumpcap is missing, was refused the interface or did not start.
    /// </exception>
    public static async Task<PacketCapture> StartAsync(string filter, string directory)
    {
        var path = Path.Combine(directory, $"capture-{Guid.NewGuid():N}.pcap");
        var start = new ProcessStartInfo("dumpcap")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-q", "-i", "lo", "-f", filter, "-P", "-w", path })
        {
            start.ArgumentList.Add(argument);
        }

        var process = ExternalTool.Start(start, "dumpcap (package tshark)");
        var output = new ProcessOutput(process, "Capturing on");
        var capture = new PacketCapture(process, path, output);
        if (!await output.WaitForMarkerAsync(TimeSpan.FromSeconds(10)))
        {
            await capture.DisposeAsync();
            throw new InvalidOperationException($"dumpcap did not start capturing on lo:\n{output.Text}");
        }

        return capture;
    }

    /// <summary>Stops the capture (SIGINT, so dumpcap flushes the file) and reads its UDP datagrams.</summary>
    public async Task<IReadOnlyList<CapturedDatagram>> StopAsync()
    {
        if (!_process.HasExited)
        {
            await Signals.InterruptAsync(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return File.Exists(_path)
            ? PcapFile.ReadUdp(_path)
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
}
