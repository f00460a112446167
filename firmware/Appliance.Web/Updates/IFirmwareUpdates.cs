namespace Appliance.Web.Updates;

/// <summary>
/// The box's firmware slots and the installer of update bundles. The service implements it over
/// RAUC; the web only shows the status and hands over uploaded bundles.
/// </summary>
/// <remarks>Members are called from request threads and must be thread-safe.</remarks>
public interface IFirmwareUpdates
{
    /// <summary>The folder an uploaded bundle is written to before it is installed; on the data
    /// partition, since the box's temporary folders live in memory.</summary>
    string UploadDirectory { get; }

    /// <summary>The running version and the slots, read afresh.</summary>
    FirmwareStatus Status();

    /// <summary>Checks the bundle's signature and writes it into the slot not running; the box
    /// starts it at the next reboot and keeps it only if it proves healthy.</summary>
    /// <param name="bundlePath">A bundle file, which the caller deletes afterwards.</param>
    /// <param name="cancellationToken">Stops the signature check; an install once begun runs on.</param>
    Task<UpdateOutcome> InstallAsync(string bundlePath, CancellationToken cancellationToken);
}
