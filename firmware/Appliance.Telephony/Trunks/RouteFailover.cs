using System.Globalization;
using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// Which outbound routes (carrier or gateway addresses) failed an INVITE lately, shared by every
/// call the box places through a trunk: a route that failed is held down for
/// <see cref="RouteFailoverOptions.HoldDown"/> and passed over meanwhile, unless every route of a
/// prefix is held down, when all are tried in their order as before. A route is taken as working
/// again at the first response it sends. Each change is logged once: a Warning when a route is
/// held down, Information when it works again. Thread safe.
/// </summary>
public sealed class RouteFailover
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPEndPoint, DateTimeOffset> _heldDownUntil = [];
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public RouteFailover(RouteFailoverOptions options, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        Options = options;
        _time = time;
        _log = log.ForContext<RouteFailover>();
    }

    public RouteFailoverOptions Options { get; }

    internal TimeProvider Time => _time;

    /// <summary>
    /// The routes of <paramref name="routes"/> to try, in their order, without those held down;
    /// all of them when every one is held down.
    /// </summary>
    public IReadOnlyList<IPEndPoint> Usable(IReadOnlyList<IPEndPoint> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var now = _time.GetUtcNow();
        var usable = new List<IPEndPoint>(routes.Count);
        lock (_gate)
        {
            foreach (var route in routes)
            {
                if (!_heldDownUntil.TryGetValue(route, out var until) || until <= now)
                {
                    usable.Add(route);
                }
            }
        }

        return usable.Count == 0 ? routes : usable;
    }

    /// <summary>Whether <paramref name="route"/> is passed over now.</summary>
    public bool IsHeldDown(IPEndPoint route)
    {
        lock (_gate)
        {
            return _heldDownUntil.TryGetValue(route, out var until) && until > _time.GetUtcNow();
        }
    }

    /// <summary>
    /// Sends <paramref name="invite"/>, built for the first of <paramref name="routes"/>, and goes
    /// on to the next route as <see cref="RoutedInvite"/> describes.
    /// </summary>
    /// <param name="sip">The transaction layer the INVITEs go out by.</param>
    /// <param name="invite">The INVITE for <c>routes[0]</c>, from <see cref="OutboundInvite.Build"/>.</param>
    /// <param name="routes">Where to send it, in order; see <see cref="Usable"/>.</param>
    /// <param name="onProvisional">Each provisional response of the route tried now, subscribed
    /// before the first INVITE leaves; it runs on the SIP layer's thread.</param>
    /// <param name="log">The call's log, with its CallId.</param>
    public RoutedInvite Send(
        SipTransactionLayer sip,
        SipRequest invite,
        IReadOnlyList<IPEndPoint> routes,
        Action<SipResponse>? onProvisional,
        ILogger log)
    {
        var routed = new RoutedInvite(this, sip, invite, routes, onProvisional, log);
        routed.Start();
        return routed;
    }

    /// <summary>
    /// <paramref name="route"/> failed an INVITE: it is held down from now on, for the hold-down
    /// or the 503's <paramref name="retryAfter"/> when that is longer. Logged once when the route
    /// goes down, and again when a Retry-After keeps it down longer than it already was.
    /// </summary>
    /// <param name="route">The route that failed.</param>
    /// <param name="failure">What it did, for the log ("answered 503", "sent nothing back in 4 s").</param>
    /// <param name="retryAfter">The Retry-After of its answer, if any.</param>
    public void Failed(IPEndPoint route, string failure, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(route);
        var holdDown = Options.HoldDown;
        if (retryAfter is { } asked && asked > holdDown)
        {
            holdDown = TimeSpan.FromTicks(Math.Min(asked.Ticks, RouteFailoverOptions.LongestHoldDown.Ticks));
        }

        if (holdDown <= TimeSpan.Zero)
        {
            return;
        }

        bool changed;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var until = now + holdDown;
            var down = _heldDownUntil.TryGetValue(route, out var current) && current > now;

            // A route already down is not said again, unless a Retry-After lengthens its time.
            changed = !down || (retryAfter is not null && until > current);
            if (!down || until > current)
            {
                _heldDownUntil[route] = until;
            }
        }

        if (changed)
        {
            _log.Warning(
                "Outbound route {Route} {Failure}: it is passed over for {HoldDown} while another route is left",
                route,
                failure,
                holdDown);
        }
    }

    /// <summary><paramref name="route"/> answered an INVITE: it is no longer held down.</summary>
    public void Reached(IPEndPoint route)
    {
        ArgumentNullException.ThrowIfNull(route);
        bool changed;
        lock (_gate)
        {
            changed = _heldDownUntil.Remove(route);
        }

        if (changed)
        {
            _log.Information("Outbound route {Route} answers again and is used as before", route);
        }
    }

    /// <summary>
    /// The wait a Retry-After header asks for (RFC 3261 §20.33: delta-seconds, then an optional
    /// comment and parameters), or null when there is none or it cannot be read.
    /// </summary>
    public static TimeSpan? RetryAfterOf(SipResponse? response)
    {
        var text = response?.Headers["Retry-After"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        var end = 0;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }

        var read = int.TryParse(span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds);
        return end > 0 && read ? TimeSpan.FromSeconds(seconds) : null;
    }
}
