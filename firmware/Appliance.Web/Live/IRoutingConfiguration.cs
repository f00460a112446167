namespace Appliance.Web.Live;

/// <summary>
/// Tells the telephony side that the routing configuration in the database changed (trunks,
/// DIDs, queues, members), so new calls follow it. Calls in progress keep the configuration
/// they started with, so nothing is dropped.
/// </summary>
public interface IRoutingConfiguration
{
    /// <summary>True when <see cref="Reload"/> applies a change to new calls at once; false when
    /// a valid change waits for the next start of the service.</summary>
    bool AppliesAtOnce { get; }

    /// <summary>Checks, and where it can applies, the stored routing configuration.</summary>
    /// <returns>Null when it is valid; otherwise what is wrong, naming table, row and field.</returns>
    string? Reload();
}
