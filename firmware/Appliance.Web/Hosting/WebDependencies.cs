using Appliance.Storage.Web;
using Appliance.Web.Live;
using Appliance.Web.Panel;
using Appliance.Web.Trunks;
using Serilog;

namespace Appliance.Web.Hosting;

/// <summary>What the web needs from the rest of the box; the service fills it in.</summary>
public sealed class WebDependencies
{
    public required WebStore Store { get; init; }

    public required IContactCenterFloor Floor { get; init; }

    public required IRoutingConfiguration Routing { get; init; }

    /// <summary>The outbound campaigns, or null on a box that runs none.</summary>
    public ICampaignConsole? Campaigns { get; init; }

    /// <summary>The front panel, or null on a box without one.</summary>
    public IFrontPanelView? Panel { get; init; }

    /// <summary>The PSTN trunks, or null on a box without a telephony card.</summary>
    public ITrunkStatusView? Trunks { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Log { get; init; }
}
