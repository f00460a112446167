using Appliance.Service.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>Starts the box when the host starts and takes it down, calls first, when it stops.</summary>
internal sealed class ApplianceHostedService : IHostedService, IAsyncDisposable
{
    private readonly ApplianceSettings _settings;
    private readonly ILogger _log;
    private ApplianceRuntime? _runtime;

    public ApplianceHostedService(ApplianceSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime = ApplianceRuntime.Start(_settings, TimeProvider.System, _log);
        _log.Information(
            "SparkleCC {Version} listening for SIP on {SipEndPoint}",
            ApplianceVersion.Current,
            _runtime.SipEndPoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_runtime is not null)
        {
            _log.Information(
                "SparkleCC stopping with {ActiveCalls} calls in progress",
                _runtime.Switchboard.ActiveCalls);
            await _runtime.DisposeAsync().ConfigureAwait(false);
            _runtime = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync().ConfigureAwait(false);
        }
    }
}
