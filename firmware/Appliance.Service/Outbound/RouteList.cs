using System.Globalization;
using System.Net;
using Appliance.Service.Configuration;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Outbound;

/// <summary>
/// Reads a list of routes (<c>address:port</c>) in failover order from one key: either one value,
/// the addresses separated by commas (<c>10.0.0.1:5060,10.0.0.2:5060</c>, which the command line
/// and an environment variable can carry), or indexed keys <c>KEY:0</c>, <c>KEY:1</c>, ... (a JSON
/// array in appsettings). A single address is a list of one, as before.
/// </summary>
internal static class RouteList
{
    /// <summary>The routes at <paramref name="key"/>, or null when the key is not set.</summary>
    /// <exception cref="ConfigurationException">An entry is not an address and port, an index is
    /// not a number, or the list is empty or names one route twice; the key is named.</exception>
    public static IReadOnlyList<IPEndPoint>? Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var entries = new List<(string Key, string Text)>();
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

        var routes = new List<IPEndPoint>(entries.Count);
        foreach (var (entryKey, text) in entries)
        {
            if (!IPEndPoint.TryParse(text, out var route) || route.Port == 0)
            {
                throw new ConfigurationException(entryKey, $"'{text}' is not an IP address and port");
            }

            if (routes.Contains(route))
            {
                throw new ConfigurationException(entryKey, $"names route {route} twice");
            }

            routes.Add(route);
        }

        return routes;
    }

    private static int IndexOf(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
}
