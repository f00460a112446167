using Appliance.Web.Hosting;
using Microsoft.Extensions.Hosting;

namespace Appliance.Service.Web;

/// <summary>Stops the web server with the host, before the calls are ended, so no desktop
/// command reaches a box on its way down.</summary>
internal sealed class WebHostedService : IHostedService
{
    private readonly WebServer? _server;

    public WebHostedService(WebServer? server)
    {
        _server = server;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
