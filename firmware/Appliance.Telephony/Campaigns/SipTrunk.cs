using System.Net;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// A SIP trunk to a carrier that calls leave by: INVITEs go to <see cref="Destinations"/>, or to
/// those of the longest <see cref="Routes"/> prefix the dialled number starts with (a carrier per
/// country, a test peer per number). Each prefix has its routes in failover order: the first, then
/// the next when it fails the call (<see cref="Trunks.RouteFailover"/>). Immutable.
/// </summary>
public sealed class SipTrunk
{
    private readonly KeyValuePair<string, IReadOnlyList<IPEndPoint>>[] _routes;

    /// <param name="name">The trunk group name campaigns refer to.</param>
    /// <param name="destination">Where the INVITEs go by default.</param>
    /// <param name="routes">Number prefixes with their own destination; may be empty.</param>
    public SipTrunk(string name, IPEndPoint destination, IReadOnlyDictionary<string, IPEndPoint> routes)
        : this(
            name,
            [destination ?? throw new ArgumentNullException(nameof(destination))],
            (routes ?? throw new ArgumentNullException(nameof(routes)))
                .ToDictionary(r => r.Key, r => (IReadOnlyList<IPEndPoint>)[r.Value], StringComparer.Ordinal))
    {
    }

    /// <param name="name">The trunk group name campaigns refer to.</param>
    /// <param name="destinations">Where the INVITEs go by default, in failover order.</param>
    /// <param name="routes">Number prefixes with their own destinations in failover order; may be empty.</param>
    /// <exception cref="ArgumentException">A list of destinations is empty.</exception>
    public SipTrunk(
        string name,
        IReadOnlyList<IPEndPoint> destinations,
        IReadOnlyDictionary<string, IReadOnlyList<IPEndPoint>> routes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(routes);
        if (destinations.Count == 0 || routes.Any(r => r.Value.Count == 0))
        {
            throw new ArgumentException($"Trunk '{name}' has a prefix without a destination.", nameof(routes));
        }

        Name = name;
        Destinations = [.. destinations];
        _routes = [.. routes
            .OrderByDescending(r => r.Key.Length)
            .Select(r => KeyValuePair.Create(r.Key, (IReadOnlyList<IPEndPoint>)[.. r.Value]))];
    }

    public string Name { get; }

    /// <summary>The first of <see cref="Destinations"/>.</summary>
    public IPEndPoint Destination => Destinations[0];

    /// <summary>Where numbers no prefix matches go, in failover order; never empty.</summary>
    public IReadOnlyList<IPEndPoint> Destinations { get; }

    /// <summary>The prefixes, longest first, each with its destinations in failover order.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<IPEndPoint>>> Routes => _routes;

    /// <summary>Where the INVITE for <paramref name="number"/> goes first.</summary>
    public IPEndPoint DestinationFor(string number) => DestinationsFor(number)[0];

    /// <summary>Where the INVITE for <paramref name="number"/> goes, in failover order; never empty.</summary>
    public IReadOnlyList<IPEndPoint> DestinationsFor(string number)
    {
        foreach (var (prefix, destinations) in _routes)
        {
            if (number.StartsWith(prefix, StringComparison.Ordinal))
            {
                return destinations;
            }
        }

        return Destinations;
    }
}
