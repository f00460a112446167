using Microsoft.Extensions.Hosting;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// Ties the running box to the host's lifetime: reports it ready when the host starts, and
/// takes it down, calls first, when the host stops (SIGTERM, systemctl stop).
/// </summary>
/// <remarks>The runtime is started before the host, so a bad setting stops the process with one
/// line naming the key instead of a hosting failure with a stack trace.</remarks>
internal sealed class ApplianceHostedService : IHostedService
{
    private readonly ApplianceRuntime _runtime;
    private readonly ILogger _log;
    private int _stopped;

    public ApplianceHostedService(ApplianceRuntime runtime, ILogger log)
    {
        _runtime = runtime;
        _log = log;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _log.Information(
            "SparkleCC {Version} listening for SIP on {SipEndPoint}",
            ApplianceVersion.Current,
            _runtime.SipEndPoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _log.Information(
            "SparkleCC stopping with {ActiveCalls} calls in progress",
            _runtime.Switchboard.ActiveCalls);
        await _runtime.DisposeAsync().ConfigureAwait(false);
    }
}
