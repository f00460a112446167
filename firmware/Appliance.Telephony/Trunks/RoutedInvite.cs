using System.Globalization;
using System.Net;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// One outbound INVITE tried over the routes of its number in order, made by
/// <see cref="RouteFailover.Send"/>. A route that sends nothing back within
/// <see cref="RouteFailoverOptions.RouteTimeout"/>, or ends the INVITE as
/// <see cref="OutboundInvite.FailsOver"/> says, is held down and the INVITE goes to the next route
/// (the same Call-ID and From tag, the next CSeq, a new branch); a transport error on the send
/// counts as a 503 (RFC 3261 §8.1.3.1) and goes on at once; the last route, silent that long, is
/// held down while its INVITE waits on. Every other final response, our own CANCEL's 487 among
/// them, ends it. A route given up while silent is cancelled, and a 2xx it
/// sends all the same is acknowledged and ended with BYE. Thread safe: the SIP layer's threads
/// drive it; <see cref="Request"/> and <see cref="Destination"/> name the attempt that produced the
/// final response once <see cref="FinalResponse"/> has completed.
/// </summary>
public sealed class RoutedInvite
{
    private readonly Lock _gate = new();
    private readonly RouteFailover _failover;
    private readonly SipTransactionLayer _sip;
    private readonly SipRequest _first;
    private readonly IReadOnlyList<IPEndPoint> _routes;
    private readonly Action<SipResponse>? _onProvisional;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<SipResponse?> _final =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Attempt _current = null!;
    private bool _cancelled;

    internal RoutedInvite(
        RouteFailover failover,
        SipTransactionLayer sip,
        SipRequest invite,
        IReadOnlyList<IPEndPoint> routes,
        Action<SipResponse>? onProvisional,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(log);
        if (routes is null || routes.Count == 0)
        {
            throw new ArgumentException("An INVITE needs at least one route.", nameof(routes));
        }

        _failover = failover;
        _sip = sip;
        _first = invite;
        _routes = routes;
        _onProvisional = onProvisional;
        _log = log;
    }

    /// <summary>The INVITE of the route tried now, or of the one that gave the final response.</summary>
    public SipRequest Request
    {
        get
        {
            lock (_gate)
            {
                return _current.Request;
            }
        }
    }

    /// <summary>The route tried now, or the one that gave the final response.</summary>
    public IPEndPoint Destination
    {
        get
        {
            lock (_gate)
            {
                return _current.Destination;
            }
        }
    }

    /// <summary>How many routes this INVITE went to so far, the current one included.</summary>
    public int RoutesTried
    {
        get
        {
            lock (_gate)
            {
                return _current.Index + 1;
            }
        }
    }

    /// <summary>
    /// The final response of the last route tried: a 2xx, a final refusal, or the failure of the
    /// last route (null when it sent none at all).
    /// </summary>
    public Task<SipResponse?> FinalResponse => _final.Task;

    /// <summary>
    /// Cancels the INVITE on the route tried now (RFC 3261 §9.1) and stops the failover: a caller
    /// who gives up is not dialled out on the next route.
    /// </summary>
    public ValueTask CancelAsync()
    {
        SipClientTransaction? transaction;
        lock (_gate)
        {
            _cancelled = true;
            _current.StopTimer();
            transaction = _current.Transaction;
        }

        // A transaction still being created is cancelled by Send, which reads the flag after.
        return transaction?.CancelAsync() ?? ValueTask.CompletedTask;
    }

    internal void Start() => Send(0);

    private void Send(int index)
    {
        var destination = _routes[index];
        var request = index == 0 ? _first : OutboundInvite.Retarget(_first, destination, (uint)index + 1);
        var attempt = new Attempt(index, request, destination);
        lock (_gate)
        {
            _current = attempt;
        }

        var transaction = _sip.SendRequestWatched(request, destination, r => Provisional(attempt, r));
        bool cancelled;
        lock (_gate)
        {
            attempt.Transaction = transaction;
            cancelled = _cancelled;
            if (!attempt.Responded && !cancelled && !transaction.FinalResponse.IsCompleted)
            {
                // The last route has no next one to go to (its own Timer B ends it), but a silence
                // that long still holds it down, even when the ring timeout ends the call first.
                attempt.StartTimer(_failover.Time, _failover.Options.RouteTimeout, () => Silent(attempt));
            }
        }

        if (cancelled)
        {
            _ = transaction.CancelAsync().AsTask();
        }

        _ = AwaitFinalAsync(attempt);
    }

    private void Provisional(Attempt attempt, SipResponse response)
    {
        lock (_gate)
        {
            if (attempt != _current)
            {
                return;
            }

            attempt.Responded = true;
            attempt.StopTimer();
            if (response.StatusCode == 180)
            {
                attempt.Rang = true;
            }
        }

        _failover.Reached(attempt.Destination);
        _onProvisional?.Invoke(response);
    }

    private void Silent(Attempt attempt)
    {
        var last = attempt.Index + 1 >= _routes.Count;
        lock (_gate)
        {
            if (attempt != _current || attempt.Responded || _cancelled || _final.Task.IsCompleted)
            {
                return;
            }

            // The last route has nothing to go on to: its INVITE waits on, and it is only held down.
            attempt.Abandoned = !last;
        }

        var failure = string.Create(
            CultureInfo.InvariantCulture,
            $"sent nothing back within {_failover.Options.RouteTimeout.TotalSeconds} s");
        if (last)
        {
            _failover.Failed(attempt.Destination, failure, retryAfter: null);
            return;
        }

        GoOn(attempt, failure, retryAfter: null);

        // RFC 3261 §9.1: the layer sends the CANCEL once a provisional comes, if one ever does.
        _ = attempt.Transaction!.CancelAsync().AsTask();
    }

    private async Task AwaitFinalAsync(Attempt attempt)
    {
        var response = await attempt.Transaction!.FinalResponse.ConfigureAwait(false);
        bool abandoned;
        bool cancelled;
        lock (_gate)
        {
            attempt.StopTimer();
            abandoned = attempt.Abandoned || attempt != _current;
            cancelled = _cancelled;
        }

        if (abandoned)
        {
            await EndLateAnswerAsync(attempt, response).ConfigureAwait(false);
            return;
        }

        if (response is { IsSuccess: true })
        {
            _failover.Reached(attempt.Destination);
            _final.TrySetResult(response);
            return;
        }

        if (cancelled || !OutboundInvite.FailsOver(response, attempt.Rang))
        {
            if (response is not null)
            {
                // A route that refuses the number still works: RFC 3398's busy or unallocated.
                _failover.Reached(attempt.Destination);
            }

            _final.TrySetResult(response);
            return;
        }

        var retryAfter = RouteFailover.RetryAfterOf(response);
        var failure = Describe(response, retryAfter, attempt.Transaction!.TransportError);
        if (attempt.Index + 1 >= _routes.Count)
        {
            _failover.Failed(attempt.Destination, failure, retryAfter);
            _final.TrySetResult(response ?? TransportFailure(attempt));
            return;
        }

        GoOn(attempt, failure, retryAfter);
    }

    /// <summary>What a route did, for the log: its answer, or why it could not be sent to.</summary>
    private static string Describe(SipResponse? response, TimeSpan? retryAfter, string? transportError)
    {
        if (response is null)
        {
            return transportError is null
                ? "sent no final response"
                : $"could not be sent to ({transportError})";
        }

        var answered = string.Create(
            CultureInfo.InvariantCulture,
            $"answered {response.StatusCode} {response.ReasonPhrase}");
        return retryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"{answered} with Retry-After {wait.TotalSeconds} s")
            : answered;
    }

    /// <summary>
    /// RFC 3261 §8.1.3.1: a transport error is taken as a 503 from the route; null when the route
    /// simply sent nothing.
    /// </summary>
    private static SipResponse? TransportFailure(Attempt attempt) =>
        attempt.Transaction!.TransportError is null
            ? null
            : attempt.Request.CreateResponse(503, "Service Unavailable");

    private void GoOn(Attempt failed, string failure, TimeSpan? retryAfter)
    {
        _failover.Failed(failed.Destination, failure, retryAfter);
        var next = _routes[failed.Index + 1];
        _log.Information(
            "The INVITE for {Number}: route {Route} {Failure}; trying route {Next}",
            _first.RequestUri.DecodedUser,
            failed.Destination,
            failure,
            next);
        Send(failed.Index + 1);
    }

    /// <summary>A route given up answered after all: RFC 3261 §15, its 2xx is confirmed and ended.</summary>
    private async Task EndLateAnswerAsync(Attempt attempt, SipResponse? response)
    {
        if (response is not { IsSuccess: true })
        {
            return;
        }

        var late = SipDialog.CreateUac(attempt.Request, response, attempt.Destination);
        await _sip.SendAckAsync(late.CreateAck(response), attempt.Destination).ConfigureAwait(false);
        _ = _sip.SendRequest(late.CreateRequest("BYE"), late.RemoteEndPoint);
        _log.Information(
            "The INVITE for {Number}: route {Route} answered after it was given up; ended with BYE",
            _first.RequestUri.DecodedUser,
            attempt.Destination);
    }

    /// <summary>The INVITE on one route. Its flags are guarded by the owner's lock.</summary>
    private sealed class Attempt(int index, SipRequest request, IPEndPoint destination)
    {
        private ITimer? _timer;

        public int Index { get; } = index;

        public SipRequest Request { get; } = request;

        public IPEndPoint Destination { get; } = destination;

        public SipClientTransaction? Transaction { get; set; }

        public bool Responded { get; set; }

        public bool Rang { get; set; }

        public bool Abandoned { get; set; }

        public void StartTimer(TimeProvider time, TimeSpan after, Action fired) =>
            _timer = time.CreateTimer(_ => fired(), null, after, Timeout.InfiniteTimeSpan);

        public void StopTimer()
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}
