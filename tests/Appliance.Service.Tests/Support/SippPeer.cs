using System.Diagnostics;

namespace Appliance.Service.Tests.Support;

/// <summary>One running SIPp; <see cref="WaitAsync"/> gives its result once it has exited.</summary>
public sealed class SippPeer : IAsyncDisposable
{
    private const string MessageSeparator = "-----------------------------------------------";

    private readonly string _scenario;
    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string _logStem;

    internal SippPeer(string scenario, Process process, ProcessOutput output, string logStem)
    {
        _scenario = scenario;
        _process = process;
        _output = output;
        _logStem = logStem;
    }

    public int ProcessId => _process.Id;

    /// <summary>Waits for SIPp to exit by itself (its -timeout bounds this) and reads its logs.</summary>
    public async Task<SippResult> WaitAsync()
    {
        await _process.WaitForExitAsync();
        return new SippResult(
            _scenario,
            _process.ExitCode,
            _output.Text,
            ReadIfExists(_logStem + ".errors.log"),
            ReadReceived(_logStem + ".messages.log"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    // -trace_msg writes blocks that open with a dashed line and a timestamp, then
    // "UDP message received [N] bytes :" or "UDP message sent (N bytes):", a blank line and the
    // message with CRLF line ends.
    private static List<string> ReadReceived(string path)
    {
        var received = new List<string>();
        var blocks = ReadIfExists(path).Split(MessageSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n', 3);
            if (lines.Length == 3 && lines[1].Contains("message received", StringComparison.Ordinal))
            {
                received.Add(lines[2].TrimStart('\n').TrimEnd('\n'));
            }
        }

        return received;
    }
}
