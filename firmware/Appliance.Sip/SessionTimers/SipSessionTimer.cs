using System.Globalization;
using Appliance.Sip.Messages;

namespace Appliance.Sip.SessionTimers;

/// <summary>
/// Session timers of RFC 4028 for the UAS of a dialog: <see cref="TryNegotiate"/> reads the
/// INVITE (or a refresh), and an instance runs the clock of one session. When this side
/// refreshes, <c>refreshDue</c> fires at half the interval (§10); when the peer does, and no
/// refresh came, <c>expired</c> fires at the interval less a third of it or 32 s, whichever is
/// less (§10), and the dialog should end with BYE. Callbacks run on a timer thread.
/// Thread safe.
/// </summary>
public sealed class SipSessionTimer : IDisposable
{
    /// <summary>The smallest interval we accept, the Min-SE of §4 (and our 422's Min-SE).</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan s_expiryMargin = TimeSpan.FromSeconds(32);

    private readonly TimeProvider _time;
    private readonly Action _refreshDue;
    private readonly Action _expired;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;

    public SipSessionTimer(TimeProvider time, SipSessionTerms terms, Action refreshDue, Action expired)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(refreshDue);
        ArgumentNullException.ThrowIfNull(expired);
        _time = time;
        _refreshDue = refreshDue;
        _expired = expired;
        Restart(terms);
    }

    /// <summary>The terms the clock runs on now.</summary>
    public SipSessionTerms Terms { get; private set; }

    /// <summary>
    /// Reads Session-Expires, Min-SE and Supported of a request to us as UAS. False: the
    /// interval is below <see cref="MinimumInterval"/>; answer 422 with Min-SE (§6). True with
    /// null terms: the request asks for no session timer.
    /// </summary>
    public static bool TryNegotiate(SipRequest request, out SipSessionTerms? terms)
    {
        ArgumentNullException.ThrowIfNull(request);
        terms = null;
        var supports = HasOption(request, "Supported", "timer") || HasOption(request, "Require", "timer");
        var header = request.Headers["Session-Expires"];
        if (header is null || !TryParse(header, out var seconds, out var refresher))
        {
            return true;
        }

        var interval = TimeSpan.FromSeconds(seconds);
        if (interval < MinimumInterval)
        {
            return false;
        }

        // §9: the UAS keeps the refresher the UAC chose; without one it picks the UAC when the
        // UAC supports timers, and must refresh itself otherwise.
        var localRefreshes = refresher switch
        {
            "uas" => true,
            "uac" => !supports,
            _ => !supports,
        };
        terms = new SipSessionTerms(interval, localRefreshes, supports);
        return true;
    }

    /// <summary>A refresh came (or we sent one): the clock starts again on these terms.</summary>
    public void Restart(SipSessionTerms terms)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Terms = terms;
            _timer?.Dispose();
            if (terms.LocalRefreshes)
            {
                _timer = _time.CreateTimer(
                    _ => _refreshDue(),
                    null,
                    terms.Interval / 2,
                    Timeout.InfiniteTimeSpan);
                return;
            }

            var third = terms.Interval / 3;
            var margin = third < s_expiryMargin ? third : s_expiryMargin;
            _timer = _time.CreateTimer(
                _ => _expired(),
                null,
                terms.Interval - margin,
                Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary><c>delta-seconds *(;param)</c> with an optional <c>refresher=uac|uas</c> (§4).</summary>
    private static bool TryParse(string value, out int seconds, out string? refresher)
    {
        refresher = null;
        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            || seconds <= 0)
        {
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            var pair = parts[i].Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && string.Equals(pair[0], "refresher", StringComparison.OrdinalIgnoreCase))
            {
                refresher = pair[1].ToLowerInvariant();
            }
        }

        return true;
    }

    private static bool HasOption(SipRequest request, string header, string tag)
    {
        foreach (var value in request.Headers.GetAll(header))
        {
            if (string.Equals(value.Trim(), tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
