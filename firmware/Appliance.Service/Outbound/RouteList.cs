using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Outbound;

/// <summary>
/// Reads a list of routes (<c>address:port</c>) in failover order from one key: either one value,
/// the addresses separated by commas (<c>10.0.0.1:5060,10.0.0.2:5060</c>, which the command line
/// and an environment variable can carry), or indexed keys <c>KEY:0</c>, <c>KEY:1</c>, ... (a JSON
/// array in appsettings). A single address is a list of one, as before. An IPv4 address is written
/// with its four parts (<c>10.0.0.1</c>, not the <c>10.1</c> that IPAddress.Parse would also take),
/// and a route's address family must be the SIP socket's (<c>Sip:BindAddress</c>): the box has one
/// UDP socket, and an IPv6 route on an IPv4 socket could never be sent to.
/// </summary>
internal static class RouteList
{
    /// <summary>The routes at <paramref name="key"/>, or null when the key is not set.</summary>
    /// <exception cref="ConfigurationException">An entry is not an address and port (or not of
    /// the SIP socket's address family), an index is not a number, the list is given both as one
    /// value and as indexed keys, or it is empty or names one route twice; the key is named.</exception>
    public static IReadOnlyList<IPEndPoint>? Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var entries = new List<(string Key, string Text)>();
        if (section.Value is not null && section.GetChildren().Any())
        {
            throw new ConfigurationException(
                key,
                $"is given both as one value and as indexed keys ({key}:0, ...); give the list one way");
        }

        if (section.Value is { } value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ConfigurationException(key, "is empty (address:port, or several separated by commas)");
            }

            foreach (var part in value.Split(','))
            {
                entries.Add((key, part.Trim()));
            }
        }
        else
        {
            foreach (var child in section.GetChildren().OrderBy(c => IndexOf(c.Key)))
            {
                if (IndexOf(child.Key) < 0)
                {
                    throw new ConfigurationException(child.Path, "is not an index of the list (0, 1, ...)");
                }

                entries.Add((child.Path, child.Value?.Trim() ?? string.Empty));
            }
        }

        if (entries.Count == 0)
        {
            return null;
        }

        var family = SipFamily(configuration);
        var routes = new List<IPEndPoint>(entries.Count);
        foreach (var (entryKey, text) in entries)
        {
            if (!IPEndPoint.TryParse(text, out var route) || route.Port == 0 || IsShorthandIPv4(route, text))
            {
                throw new ConfigurationException(entryKey, $"'{text}' is not an IP address and port");
            }

            if (route.AddressFamily != family)
            {
                throw new ConfigurationException(
                    entryKey,
                    $"'{text}' is an {Name(route.AddressFamily)} route, but SIP listens on "
                    + $"{Name(family)} only (Sip:BindAddress); give an {Name(family)} address");
            }

            if (routes.Contains(route))
            {
                throw new ConfigurationException(entryKey, $"names route {route} twice");
            }

            routes.Add(route);
        }

        return routes;
    }

    /// <summary>The address family of the SIP socket, as <c>Sip:BindAddress</c> (0.0.0.0) gives it.</summary>
    private static AddressFamily SipFamily(IConfiguration configuration) =>
        IPAddress.TryParse(configuration["Sip:BindAddress"] ?? "0.0.0.0", out var bind)
            ? bind.AddressFamily
            : AddressFamily.InterNetwork;

    /// <summary>
    /// An IPv4 address written with fewer than four parts (<c>10.1</c> is 10.0.0.1 to
    /// IPAddress.Parse), which an admin almost never means.
    /// </summary>
    private static bool IsShorthandIPv4(IPEndPoint route, string text)
    {
        if (route.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var host = text[..text.LastIndexOf(':')];
        var parts = host.Split('.');
        return parts.Length != 4 || !parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }

    private static string Name(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    private static int IndexOf(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
}
