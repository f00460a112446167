using System.Diagnostics;

namespace Appliance.Service.Tests.Support;

/// <summary>
/// Sends POSIX signals to one process by its id with kill(1): SIGINT lets dumpcap flush its file,
/// SIGUSR1 makes SIPp stop and print its statistics, SIGTERM asks the service to shut down as
/// systemd would. Process.Kill only knows SIGKILL.
/// </summary>
public static class Signals
{
    public static Task InterruptAsync(int processId) => SendAsync("-INT", processId);

    public static Task UserOneAsync(int processId) => SendAsync("-USR1", processId);

    public static Task TerminateAsync(int processId) => SendAsync("-TERM", processId);

    private static async Task SendAsync(string signal, int processId)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add(signal);
        start.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start)!;
        await kill.WaitForExitAsync();
    }
}
