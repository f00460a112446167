using System.Diagnostics;

namespace Appliance.Sip.Tests.Support;

/// <summary>Runs a real peer's command line (sipsak, say) to its end and hands back what it printed.</summary>
public static class ExternalCommand
{
    /// <summary>Exit code and stdout followed by stderr; the process is killed after
    /// <paramref name="timeout"/> and the wait then throws.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        TimeSpan timeout,
        string binary,
        params string[] arguments)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
