using System.Net;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// A SIP trunk to a carrier that campaign calls leave by: INVITEs go to
/// <see cref="Destination"/>, or to the destination of the longest <see cref="Routes"/> prefix
/// the dialled number starts with (a carrier per country, a test peer per number). Immutable.
/// </summary>
public sealed class SipTrunk
{
    private readonly KeyValuePair<string, IPEndPoint>[] _routes;

    /// <param name="name">The trunk group name campaigns refer to.</param>
    /// <param name="destination">Where the INVITEs go by default.</param>
    /// <param name="routes">Number prefixes with their own destination; may be empty.</param>
    public SipTrunk(string name, IPEndPoint destination, IReadOnlyDictionary<string, IPEndPoint> routes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(routes);
        Name = name;
        Destination = destination;
        _routes = [.. routes.OrderByDescending(r => r.Key.Length)];
    }

    public string Name { get; }

    public IPEndPoint Destination { get; }

    public IReadOnlyList<KeyValuePair<string, IPEndPoint>> Routes => _routes;

    /// <summary>Where the INVITE for <paramref name="number"/> goes.</summary>
    public IPEndPoint DestinationFor(string number)
    {
        foreach (var (prefix, destination) in _routes)
        {
            if (number.StartsWith(prefix, StringComparison.Ordinal))
            {
                return destination;
            }
        }

        return Destination;
    }
}
