using System.Net;
using Appliance.Service.Configuration;
using Appliance.Telephony.Campaigns;
using Appliance.Telephony.Trunks;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Outbound;

/// <summary>
/// Where the box dials external numbers, from <c>Telephony:External:*</c>: Destination (the
/// carrier's or PSTN gateway's address:port), Routes:PREFIX (address:port for numbers starting
/// with PREFIX), each a list in failover order (<see cref="RouteList"/>), CallerId (the number
/// every external leg presents; empty presents the caller's), RingTimeout (00:00:30 by default),
/// and the failover timers RouteTimeout and HoldDown (<see cref="RouteFailoverOptions"/>), which
/// callbacks and campaigns use as well. Without a Destination the box's PSTN gateway is used
/// when a card is configured, and external numbers cannot be reached otherwise.
/// </summary>
public sealed class ExternalRouteSettings
{
    public IReadOnlyList<IPEndPoint>? Destinations { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<IPEndPoint>> Routes { get; init; } =
        new Dictionary<string, IReadOnlyList<IPEndPoint>>();

    public string CallerId { get; init; } = "";

    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public RouteFailoverOptions Failover { get; init; } = new();

    /// <summary>The sections read here, for the unknown-key warning.</summary>
    internal static IEnumerable<string> Keys => ["Telephony:External"];

    /// <summary>
    /// The routes, through <paramref name="gateway"/> when no Destination is set; null for none.
    /// </summary>
    public ExternalRoutes? Build(IPEndPoint? gateway)
    {
        IReadOnlyList<IPEndPoint>? destinations = Destinations ?? (gateway is null ? null : [gateway]);
        if (destinations is null)
        {
            return null;
        }

        return new ExternalRoutes(
            new SipTrunk("external", destinations, Routes),
            CallerId,
            RingTimeout);
    }

    /// <exception cref="ConfigurationException">A value is invalid; the key is named.</exception>
    internal static ExternalRouteSettings Load(IConfiguration configuration)
    {
        var read = new ConfigurationReader(configuration);
        var routes = new Dictionary<string, IReadOnlyList<IPEndPoint>>(StringComparer.Ordinal);
        foreach (var route in configuration.GetSection("Telephony:External:Routes").GetChildren())
        {
            var digits = route.Key.StartsWith('+') ? route.Key[1..] : route.Key;
            if (!digits.All(char.IsAsciiDigit))
            {
                throw new ConfigurationException(route.Path, $"'{route.Key}' is not a number prefix");
            }

            routes[route.Key] = RouteList.Read(configuration, route.Path)
                ?? throw new ConfigurationException(route.Path, "is missing (address:port)");
        }

        var callerId = read.String("Telephony:External:CallerId", "");
        if (callerId.Length > 0 && !ExternalRoutes.IsDialable(callerId))
        {
            throw new ConfigurationException("Telephony:External:CallerId", $"'{callerId}' is not a phone number");
        }

        return new ExternalRouteSettings
        {
            Destinations = RouteList.Read(configuration, "Telephony:External:Destination"),
            Routes = routes,
            CallerId = callerId,
            RingTimeout = read.Duration(
                "Telephony:External:RingTimeout",
                TimeSpan.FromSeconds(30),
                TimeSpan.FromSeconds(1),
                TimeSpan.FromMinutes(5)),
            Failover = new RouteFailoverOptions
            {
                RouteTimeout = read.Duration(
                    "Telephony:External:RouteTimeout",
                    TimeSpan.FromSeconds(4),
                    TimeSpan.FromMilliseconds(500),
                    TimeSpan.FromSeconds(30)),
                HoldDown = read.Duration(
                    "Telephony:External:HoldDown",
                    TimeSpan.FromSeconds(60),
                    TimeSpan.Zero,
                    RouteFailoverOptions.LongestHoldDown),
            },
        };
    }
}
