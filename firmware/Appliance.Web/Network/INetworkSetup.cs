namespace Appliance.Web.Network;

/// <summary>
/// The box's network settings for the page <c>/network</c>: the service hands the web the board's
/// own reader and writer, so the page and the front panel read and write the same files.
/// </summary>
/// <remarks>Thread-safe; calls come from web requests and touch small files only.</remarks>
public interface INetworkSetup
{
    /// <summary>What is saved and what the box has now.</summary>
    NetworkState Read();

    /// <summary>Writes the settings (address, host name, NTP) and has the box apply them where it
    /// can; returns the files written.</summary>
    /// <exception cref="IOException">A file cannot be written; the ones before it may be.</exception>
    /// <exception cref="UnauthorizedAccessException">A file cannot be written.</exception>
    IReadOnlyList<string> Save(NetworkConfiguration configuration);
}
