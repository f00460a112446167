using System.Diagnostics;
using Appliance.Board.Network;
using Serilog;

namespace Appliance.Service.Board;

/// <summary>
/// Has systemd-networkd take up the panel's file: <c>networkctl reload</c> reads changed .network
/// files, <c>networkctl reconfigure</c> applies them to a link that is already up (networkctl(1)).
/// On the virtual board nothing is run and the change is only logged.
/// </summary>
internal sealed class NetworkctlApplier : INetworkApplier
{
    private readonly bool _virtual;
    private readonly ILogger _log;

    public NetworkctlApplier(bool isVirtual, ILogger log)
    {
        _virtual = isVirtual;
        _log = log.ForContext<NetworkctlApplier>();
    }

    public void Apply(string interfaceName)
    {
        if (_virtual)
        {
            _log.Information("The virtual board leaves the network of {NetworkInterface} as it is", interfaceName);
            return;
        }

        _ = Task.Run(async () =>
        {
            await RunAsync("reload").ConfigureAwait(false);
            if (!interfaceName.Contains('*', StringComparison.Ordinal))
            {
                await RunAsync("reconfigure " + interfaceName).ConfigureAwait(false);
            }
        });
    }

    private async Task RunAsync(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("networkctl", arguments) { UseShellExecute = false };
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                _log.Error("networkctl {Arguments} failed with exit code {ExitCode}", arguments, process.ExitCode);
            }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _log.Error(ex, "networkctl {Arguments} could not be started", arguments);
        }
    }
}
