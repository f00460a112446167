using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Runs SIPp (package sip-tester, 3.6.1 here) with a scenario from the Scenarios folder copied next
/// to the tests. SIPp runs in that folder, because scenarios name their tone WAVs and DTMF pcap by
/// relative path; its logs go to a scratch folder given by the test, never into the output folder.
/// </summary>
/// <remarks>
/// Every run gets -nostdin (no terminal), -bind_local -i 127.0.0.1 (or the address given),
/// -trace_err, -trace_msg and a global -timeout with -timeout_error, so a peer that waits for a
/// message that never comes fails the test instead of hanging it. play_pcap_audio sends through a raw socket: SIPp needs root.
/// </remarks>
public sealed class SippRunner
{
    private readonly string _logDirectory;
    private int _runs;

    public SippRunner(string logDirectory)
    {
        _logDirectory = logDirectory;
    }

    public static string ScenarioDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>
    /// Starts SIPp on 127.0.0.1:<paramref name="sipPort"/> with <paramref name="scenario"/> and any
    /// further <paramref name="arguments"/> (remote host first for client scenarios, -m, -mp, -s, -set ...).
    /// </summary>
    public SippPeer Start(string scenario, int sipPort, TimeSpan timeout, params string[] arguments) =>
        Start(scenario, IPAddress.Loopback, sipPort, timeout, arguments);

    /// <summary>
    /// Starts SIPp bound to <paramref name="localAddress"/> (another address of lo such as 127.0.0.2,
    /// which Linux routes like 127.0.0.1, plays a host outside the trunk); otherwise as above.
    /// </summary>
    public SippPeer Start(
        string scenario,
        IPAddress localAddress,
        int sipPort,
        TimeSpan timeout,
        params string[] arguments)
    {
        var run = Interlocked.Increment(ref _runs);
        var stem = Path.Combine(_logDirectory, $"{run:D2}-{Path.GetFileNameWithoutExtension(scenario)}");
        var start = new ProcessStartInfo("sipp")
        {
            WorkingDirectory = ScenarioDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var seconds = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        string[] common =
        [
            "-sf", Path.Combine(ScenarioDirectory, scenario),
            "-i", localAddress.ToString(), "-p", sipPort.ToString(CultureInfo.InvariantCulture), "-bind_local",
            "-nostdin", "-timeout", seconds, "-timeout_error",
            "-trace_err", "-error_file", stem + ".errors.log",
            "-trace_msg", "-message_file", stem + ".messages.log",
        ];
        foreach (var argument in common)
        {
            start.ArgumentList.Add(argument);
        }

        var process = ExternalTool.Start(start, "sipp (package sip-tester)");
        return new SippPeer(scenario, process, new ProcessOutput(process), stem);
    }
}
