using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// The real service, started from its built sparklecc.dll with dotnet in a scratch folder of its own:
/// SIP on a free loopback port, RTP on a private range of 100 ports, data (database, recordings,
/// logs) under <see cref="DataDirectory"/>. Ready once it logs "listening for SIP" or answers OPTIONS
/// with 200. Disposing kills it and deletes the folder, unless <see cref="StartAgainAsync"/> handed the
/// folder to a second process.
/// </summary>
public sealed class ApplianceProcess : IAsyncDisposable
{
    private const string ReadyMarker = "listening for SIP";
    private const int RtpPortCount = 100;
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string[] _extraArguments;
    private bool _ownsRoot = true;

    private ApplianceProcess(
        Process process,
        ProcessOutput output,
        string root,
        int sipPort,
        int rtpPortMin,
        string[] extraArguments)
    {
        _process = process;
        _output = output;
        _extraArguments = extraArguments;
        Root = root;
        SipEndPoint = new IPEndPoint(IPAddress.Loopback, sipPort);
        RtpPortMin = rtpPortMin;
    }

    /// <summary>The scratch folder: the service's working directory; SIPp logs and captures go here too.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "appliance.db");

    public IPEndPoint SipEndPoint { get; }

    /// <summary>"127.0.0.1:port", the remote host argument SIPp client scenarios take.</summary>
    public string SipTarget => $"127.0.0.1:{SipEndPoint.Port}";

    public int RtpPortMin { get; }

    public int RtpPortMax => RtpPortMin + RtpPortCount - 1;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the service wrote to stdout and stderr so far.</summary>
    public string Output => _output.Text;

    /// <summary>
    /// The service dll of the same configuration as these tests, in the service project's own bin
    /// folder (its Prompts and appsettings.json sit beside it); the copy in the test output otherwise.
    /// SPARKLECC_SERVICE_DLL names another build to test.
    /// </summary>
    public static string ServiceDll
    {
        get
        {
            var chosen = Environment.GetEnvironmentVariable("SPARKLECC_SERVICE_DLL");
            if (!string.IsNullOrEmpty(chosen))
            {
                return Path.GetFullPath(chosen);
            }

            var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = baseDirectory.Parent?.Name ?? "Debug";
            for (var directory = baseDirectory; directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
                {
                    var project = Path.Combine(directory.FullName, "firmware", "Appliance.Service");
                    var built = Path.Combine(project, "bin", configuration, "net10.0", "sparklecc.dll");
                    if (File.Exists(built))
                    {
                        return built;
                    }

                    break;
                }
            }

            return Path.Combine(AppContext.BaseDirectory, "sparklecc.dll");
        }
    }

    /// <summary>The voice prompts the service under test plays (Prompts/en beside <see cref="ServiceDll"/>).</summary>
    public static string PromptDirectory => Path.Combine(Path.GetDirectoryName(ServiceDll)!, "Prompts", "en");

    /// <summary>Starts the service with the test settings plus <paramref name="extraArguments"/> (--Key=value).</summary>
    /// <exception cref="InvalidOperationException">
    /// It exited or was not ready in 30 s; the message holds its output.
    /// </exception>
    public static Task<ApplianceProcess> StartAsync(params string[] extraArguments)
    {
        var root = Directory.CreateTempSubdirectory("sparklecc-e2e-").FullName;
        return LaunchAsync(root, FreePorts.Sip(), FreePorts.RtpRange(RtpPortCount), extraArguments);
    }

    /// <summary>Starts the service like <see cref="StartAsync(string[])"/> but returns at once,
    /// while it is still starting, for tests of what happens during start-up.</summary>
    public static ApplianceProcess Launch(params string[] extraArguments)
    {
        var root = Directory.CreateTempSubdirectory("sparklecc-e2e-").FullName;
        var (sipPort, rtpPortMin) = (FreePorts.Sip(), FreePorts.RtpRange(RtpPortCount));
        var process = StartDotnet(root, Arguments(root, sipPort, rtpPortMin).Concat(extraArguments));
        return new ApplianceProcess(
            process, new ProcessOutput(process, ReadyMarker), root, sipPort, rtpPortMin, extraArguments);
    }

    /// <summary>As <see cref="StartAsync(string[])"/>, with extra environment variables for the
    /// service only (systemd's NOTIFY_SOCKET, say), so parallel tests are not affected.</summary>
    public static Task<ApplianceProcess> StartAsync(
        IReadOnlyDictionary<string, string> environment,
        params string[] extraArguments)
    {
        var root = Directory.CreateTempSubdirectory("sparklecc-e2e-").FullName;
        return LaunchAsync(root, FreePorts.Sip(), FreePorts.RtpRange(RtpPortCount), extraArguments, environment);
    }

    /// <summary>
    /// Runs the service with the test settings and <paramref name="extraArguments"/> until it exits by
    /// itself (start-up failures), killing it after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int? ExitCode, string Output)> RunToExitAsync(
        TimeSpan timeout,
        params string[] extraArguments)
    {
        var (exitCode, output, _) = await RunToExitLeavingAsync(timeout, extraArguments);
        return (exitCode, output);
    }

    /// <summary>As <see cref="RunToExitAsync"/>, and whether the run left a database file behind in
    /// its data folder.</summary>
    public static async Task<(int? ExitCode, string Output, bool DatabaseMade)> RunToExitLeavingAsync(
        TimeSpan timeout,
        params string[] extraArguments)
    {
        var root = Directory.CreateTempSubdirectory("sparklecc-e2e-").FullName;
        var database = Path.Combine(root, "data", "appliance.db");
        try
        {
            var arguments = Arguments(root, FreePorts.Sip(), FreePorts.RtpRange(RtpPortCount));
            using var process = StartDotnet(root, arguments.Concat(extraArguments));
            var output = new ProcessOutput(process);
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
                await process.WaitForExitAsync();
                return (process.ExitCode, output.Text, File.Exists(database));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (null, output.Text, File.Exists(database));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Starts the service again, as after a reboot, in this one's folder (same database, recordings
    /// and logs) on the same SIP port and RTP range with the same arguments. The new process takes the
    /// folder over: disposing it deletes the folder, disposing this one no longer does.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// This process is still running, or the new one exited or was not ready in 30 s (its output is in
    /// the message).
    /// </exception>
    public Task<ApplianceProcess> StartAgainAsync()
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException(
                $"The service {_process.Id} still runs in {Root}; stop it before starting it again.");
        }

        _ownsRoot = false;
        return LaunchAsync(Root, SipEndPoint.Port, RtpPortMin, _extraArguments);
    }

    /// <summary>
    /// Asks the service to shut down with SIGTERM, as systemd stops it, and waits up to
    /// <paramref name="timeout"/> for it to exit.
    /// </summary>
    /// <returns>Its exit code, or null when it was still running and had to be killed.</returns>
    public async Task<int?> StopGracefullyAsync(TimeSpan timeout)
    {
        await Signals.TerminateAsync(_process.Id);

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return null;
        }

        // The parameterless wait also drains the redirected output, so Output is complete.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>True when a line of the service's output contains <paramref name="text"/> within
    /// <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForOutputAsync(string text, TimeSpan timeout) =>
        _output.WaitForTextAsync(text, timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsRoot && Environment.GetEnvironmentVariable("SPARKLECC_E2E_KEEP") is null)
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static async Task<ApplianceProcess> LaunchAsync(
        string root,
        int sipPort,
        int rtpPortMin,
        string[] extraArguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = StartDotnet(root, Arguments(root, sipPort, rtpPortMin).Concat(extraArguments), environment);
        var output = new ProcessOutput(process, ReadyMarker);
        var service = new ApplianceProcess(process, output, root, sipPort, rtpPortMin, extraArguments);

        // A start takes 3-8 s; generating the HTTPS certificate on a box loaded by parallel test
        // runs has taken longer than 30 s, so the wait is generous and a hang still ends.
        var deadline = DateTime.UtcNow + s_readyTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            // Only the marker counts: SIP answers before the host has taken over SIGTERM, and a
            // test that stops the service in that gap would see it killed (143), not stopped.
            if (service._output.MarkerSeen)
            {
                return service;
            }

            await service._output.WaitForMarkerAsync(TimeSpan.FromMilliseconds(300));
        }

        var why = process.HasExited ? $"exited with {process.ExitCode}" : $"was not ready after {s_readyTimeout.TotalSeconds:0} s";
        var text = service.Output;
        await service.DisposeAsync();
        throw new InvalidOperationException($"The service {why}. Its output:\n{text}");
    }

    private static IEnumerable<string> Arguments(string root, int sipPort, int rtpPortMin) =>
    [
        "--Sip:BindAddress=127.0.0.1",
        string.Create(CultureInfo.InvariantCulture, $"--Sip:Port={sipPort}"),
        string.Create(CultureInfo.InvariantCulture, $"--Rtp:PortMin={rtpPortMin}"),
        string.Create(CultureInfo.InvariantCulture, $"--Rtp:PortMax={rtpPortMin + RtpPortCount - 1}"),
        $"--Appliance:DataDirectory={Path.Combine(root, "data")}",
        // The web server is off unless a test turns it on, so parallel runs do not fight over 8443.
        "--Web:HttpsPort=0",
        "--Web:HttpPort=0",
    ];

    private static Process StartDotnet(
        string root,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = ServiceDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The service is not built: {dll} is missing.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return ExternalTool.Start(start, "dotnet");
    }
}
