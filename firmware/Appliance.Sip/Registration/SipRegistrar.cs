using System.Globalization;
using System.Net;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Registration;

/// <summary>
/// A registrar (RFC 3261 §10.3) with digest authentication. Missing, wrong and unknown-user
/// credentials all get the same 401 with a fresh challenge; an authenticated user may only
/// register its own address-of-record (else 403). Failures are logged as security events and
/// an address with <see cref="RegistrarOptions.FailureLimit"/> failures in the window is answered
/// 403 for the ban duration. Bindings expire by a timer on the <see cref="TimeProvider"/>.
/// Events are raised outside the lock, on the caller's or the timer's thread. Thread safe.
/// </summary>
public sealed class SipRegistrar : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<SipBinding>> _bindings = new(StringComparer.Ordinal);
    private readonly DigestAuthenticator _auth;
    private readonly Func<string, string?> _passwordLookup;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly RegistrarOptions _options;
    private readonly RegistrationFailures _failures;
    private readonly ITimer _sweep;

    public SipRegistrar(
        DigestAuthenticator auth,
        Func<string, string?> passwordLookup,
        TimeProvider time,
        ILogger log,
        RegistrarOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(passwordLookup);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _auth = auth;
        _passwordLookup = passwordLookup;
        _time = time;
        _log = log.ForContext<SipRegistrar>();
        _options = options ?? new RegistrarOptions();
        _failures = new RegistrationFailures(_options);
        _sweep = time.CreateTimer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A contact was registered that was not bound before (refreshes do not raise it).</summary>
    public event Action<SipBinding>? BindingAdded;

    /// <summary>A binding ended: it expired, or the user unregistered it.</summary>
    public event Action<SipBinding>? BindingRemoved;

    /// <summary>The live bindings of a user, newest registration last.</summary>
    public IReadOnlyList<SipBinding> Lookup(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_bindings.TryGetValue(user, out var bindings))
            {
                return [];
            }

            var live = new List<SipBinding>(bindings.Count);
            foreach (var binding in bindings)
            {
                if (binding.Expires > now)
                {
                    live.Add(binding);
                }
            }

            return live;
        }
    }

    /// <summary>Processes one REGISTER to its final response.</summary>
    /// <exception cref="ArgumentException">The transaction is not a REGISTER.</exception>
    public async ValueTask HandleAsync(SipServerTransaction register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var request = register.Request;
        if (request.Method != "REGISTER")
        {
            throw new ArgumentException($"Expected a REGISTER, got {request.Method}.", nameof(register));
        }

        var response = Process(request, register.RemoteEndPoint);
        await register.SendResponseAsync(response).ConfigureAwait(false);
    }

    public void Dispose() => _sweep.Dispose();

    private SipResponse Process(SipRequest request, IPEndPoint source)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_failures.IsBannedLocked(source.Address, now))
            {
                return request.CreateResponse(403, toTag: SipTransactionLayer.NewTag());
            }
        }

        var verification = _auth.Verify(request, _passwordLookup);
        switch (verification.Outcome)
        {
            case DigestOutcome.Missing:
                return Challenge(request, stale: false);
            case DigestOutcome.Stale:
                return Challenge(request, stale: true);
            case DigestOutcome.Invalid:
                RecordFailure(source, verification.UserName, now, "wrong credentials");
                return Challenge(request, stale: false);
        }

        var user = verification.UserName!;
        if (!string.Equals(request.To?.Uri.User, user, StringComparison.Ordinal))
        {
            RecordFailure(source, user, now, "address-of-record of another user");
            return request.CreateResponse(403, toTag: SipTransactionLayer.NewTag());
        }

        if (!SipRegisterRequest.TryRead(request, _options, out var changes, out var problem))
        {
            var failure = request.CreateResponse(problem.StatusCode, toTag: SipTransactionLayer.NewTag());
            if (problem.StatusCode == 423)
            {
                // RFC 3261 §10.3 step 7: tell the UA the shortest interval we take.
                failure.Headers.Add("Min-Expires", Seconds(_options.MinExpires));
            }

            return failure;
        }

        var current = Apply(user, source, changes, now);
        var ok = request.CreateResponse(200, toTag: SipTransactionLayer.NewTag());
        foreach (var binding in current)
        {
            var remaining = (long)Math.Ceiling((binding.Expires - now).TotalSeconds);
            var seconds = remaining.ToString(CultureInfo.InvariantCulture);
            ok.Headers.Add("Contact", $"<{binding.Contact}>;expires={seconds}");
        }

        ok.Headers.Add("Date", now.ToString("r", CultureInfo.InvariantCulture));
        return ok;
    }

    private SipResponse Challenge(SipRequest request, bool stale)
    {
        var response = request.CreateResponse(401, toTag: SipTransactionLayer.NewTag());
        response.Headers.Add("WWW-Authenticate", _auth.CreateChallenge(stale));
        return response;
    }

    private void RecordFailure(IPEndPoint source, string? user, DateTimeOffset now, string reason)
    {
        bool banned;
        lock (_gate)
        {
            banned = _failures.RecordLocked(source.Address, now);
            _failures.PruneLocked(now);
        }

        _log.Warning(
            "Security: REGISTER from {RemoteEndPoint} for {User} refused: {Reason}",
            source,
            user ?? string.Empty,
            reason);
        if (banned)
        {
            _log.Warning(
                "Security: banned {RemoteEndPoint} for {BanDuration} after {Failures} failed "
                    + "registrations (last user {User})",
                source,
                _options.BanDuration,
                _options.FailureLimit,
                user ?? string.Empty);
        }
    }

    private List<SipBinding> Apply(
        string user,
        IPEndPoint source,
        SipRegisterChanges changes,
        DateTimeOffset now)
    {
        var added = new List<SipBinding>();
        var removed = new List<SipBinding>();
        List<SipBinding> current;
        lock (_gate)
        {
            if (!_bindings.TryGetValue(user, out var bindings))
            {
                bindings = [];
                _bindings[user] = bindings;
            }

            if (changes.RemoveAll)
            {
                removed.AddRange(bindings);
                bindings.Clear();
            }

            foreach (var (contact, expires) in changes.Contacts)
            {
                var index = bindings.FindIndex(b => SameContact(b.Contact, contact));
                if (index >= 0)
                {
                    if (expires == TimeSpan.Zero)
                    {
                        removed.Add(bindings[index]);
                    }

                    bindings.RemoveAt(index);
                }

                if (expires > TimeSpan.Zero)
                {
                    var binding = new SipBinding(user, contact, source, now + expires);
                    bindings.Add(binding);
                    if (index < 0)
                    {
                        added.Add(binding);
                    }
                }
            }

            current = [.. bindings];
            if (bindings.Count == 0)
            {
                _bindings.Remove(user);
            }

            RescheduleLocked(now);
        }

        Publish(removed, added);
        foreach (var binding in added)
        {
            _log.Information(
                "User {User} registered {Contact} from {RemoteEndPoint}",
                user,
                binding.Contact,
                source);
        }

        return current;
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        var expired = new List<SipBinding>();
        lock (_gate)
        {
            List<string>? empty = null;
            foreach (var (user, bindings) in _bindings)
            {
                for (var i = bindings.Count - 1; i >= 0; i--)
                {
                    if (bindings[i].Expires <= now)
                    {
                        expired.Add(bindings[i]);
                        bindings.RemoveAt(i);
                    }
                }

                if (bindings.Count == 0)
                {
                    (empty ??= []).Add(user);
                }
            }

            foreach (var user in empty ?? [])
            {
                _bindings.Remove(user);
            }

            RescheduleLocked(now);
        }

        foreach (var binding in expired)
        {
            _log.Information("Registration of {User} at {Contact} expired", binding.User, binding.Contact);
        }

        Publish(expired, []);
    }

    private void RescheduleLocked(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var bindings in _bindings.Values)
        {
            foreach (var binding in bindings)
            {
                if (next is null || binding.Expires < next)
                {
                    next = binding.Expires;
                }
            }
        }

        var due = next is { } at ? (at > now ? at - now : TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        _sweep.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Publish(List<SipBinding> removed, List<SipBinding> added)
    {
        foreach (var binding in removed)
        {
            BindingRemoved?.Invoke(binding);
        }

        foreach (var binding in added)
        {
            BindingAdded?.Invoke(binding);
        }
    }

    private static bool SameContact(SipUri a, SipUri b) =>
        string.Equals(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase);

    private static string Seconds(TimeSpan span) =>
        ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
