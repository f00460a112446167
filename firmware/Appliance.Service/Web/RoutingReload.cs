using Appliance.Service.Hosting;
using Appliance.Web.Live;

namespace Appliance.Service.Web;

/// <summary>
/// Applies the routing configuration the web just wrote to the running box: the next call
/// follows it, calls in progress go on; a configuration that does not hold together is refused
/// with the table, row and field, and the box keeps the one it had.
/// </summary>
internal sealed class RoutingReload : IRoutingConfiguration
{
    private readonly LiveRouting _routing;

    public RoutingReload(LiveRouting routing)
    {
        _routing = routing;
    }

    public bool AppliesAtOnce => true;

    public string? Reload() => _routing.Reload();
}
