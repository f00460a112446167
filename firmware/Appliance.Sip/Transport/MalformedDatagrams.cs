using System.Net;
using Serilog;

namespace Appliance.Sip.Transport;

/// <summary>The summary the transports write for malformed datagrams a <see cref="PeerWarningThrottle"/> held back.</summary>
internal static class MalformedDatagrams
{
    public static void Summarise(ILogger log, int count, IPAddress address) =>
        log.Warning("{Count} more malformed datagrams from {RemoteAddress} in the last minute", count, address);
}
