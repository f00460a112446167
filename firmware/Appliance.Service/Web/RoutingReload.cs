using Appliance.Service.Hosting;
using Appliance.Storage;
using Appliance.Web.Live;

namespace Appliance.Service.Web;

/// <summary>
/// Checks the routing configuration the web just wrote. The switchboard takes its dial plan,
/// trunks and queues at start, so a valid change applies at the next start of the service;
/// a configuration that does not hold together is reported at once with the table, row and
/// field, before a restart could trip over it.
/// </summary>
internal sealed class RoutingReload : IRoutingConfiguration
{
    private readonly ApplianceDatabase _database;

    public RoutingReload(ApplianceDatabase database)
    {
        _database = database;
    }

    public bool AppliesAtOnce => false;

    public string? Reload()
    {
        try
        {
            ConfigurationCatalogue.Load(_database);
            return null;
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }
}
