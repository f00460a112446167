using System.Globalization;
using System.Net;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Registration;

/// <summary>
/// A registrar (RFC 3261 §10.3) with digest authentication. Missing, wrong and unknown-user
/// credentials all get the same 401 with a fresh challenge; a stale, foreign or replayed nonce
/// gets 401 with stale=true and is not a failure; an authenticated user may only register its
/// own address-of-record (else 403). Failures are logged as security events and counted per
/// (source IP, user): <see cref="RegistrarOptions.FailureLimit"/> of them in the window ban that
/// pair, <see cref="RegistrarOptions.AddressFailureLimit"/> across users ban the address; a
/// banned pair or address is answered 403 for the ban duration. A user holds at most
/// <see cref="RegistrarOptions.MaxBindingsPerUser"/> bindings. Bindings expire by a timer on the
/// <see cref="TimeProvider"/>. Events are raised outside the lock, on the caller's or the timer's
/// thread. Thread safe.
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

    /// <summary>
    /// A refresh REGISTER moved the expiry of a bound contact; the argument is the binding as it
    /// is now (its <see cref="SipBinding.Source"/> may have changed too). For persistence.
    /// </summary>
    public event Action<SipBinding>? BindingRefreshed;

    /// <summary>
    /// Loads bindings saved before a restart. Call it once, before the first REGISTER is handled
    /// and after subscribing to the events: bindings already expired by the clock's now are
    /// skipped, a contact already bound for its user is kept as it is, and
    /// <see cref="BindingAdded"/> is raised for each restored binding so its user becomes
    /// reachable again. <see cref="RegistrarOptions.MaxBindingsPerUser"/> is not applied, as
    /// these bindings were accepted once.
    /// </summary>
    public void Restore(IEnumerable<SipBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var now = _time.GetUtcNow();
        var restored = new List<SipBinding>();
        var skipped = 0;
        lock (_gate)
        {
            foreach (var binding in bindings)
            {
                ArgumentNullException.ThrowIfNull(binding);
                if (!_bindings.TryGetValue(binding.User, out var current))
                {
                    current = [];
                    _bindings[binding.User] = current;
                }

                if (binding.Expires <= now || current.Exists(b => SameContact(b.Contact, binding.Contact)))
                {
                    skipped++;
                }
                else
                {
                    current.Add(binding);
                    restored.Add(binding);
                }

                if (current.Count == 0)
                {
                    _bindings.Remove(binding.User);
                }
            }

            RescheduleLocked(now);
        }

        _log.Information(
            "Restored {Restored} registrations; skipped {Skipped} expired or already bound",
            restored.Count,
            skipped);
        Publish([], restored, []);
    }

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
        var address = AddressOf(source);
        lock (_gate)
        {
            if (_failures.IsAddressBannedLocked(address, now))
            {
                return request.CreateResponse(403, toTag: SipTransactionLayer.NewTag());
            }
        }

        if (request.To is null)
        {
            // RFC 3261 §10.3 step 5: an address-of-record of another scheme (isbn:, http:; RFC 4475
            // unksm2) is valid for no domain of ours, whoever asks.
            return request.CreateResponse(404, toTag: SipTransactionLayer.NewTag());
        }

        var verification = _auth.Verify(request, _passwordLookup);
        var claimed = verification.UserName ?? request.To?.Uri.User ?? string.Empty;
        lock (_gate)
        {
            // Whatever the credentials say, a banned pair learns nothing from the answer.
            if (_failures.IsUserBannedLocked(address, claimed, now))
            {
                return request.CreateResponse(403, toTag: SipTransactionLayer.NewTag());
            }
        }

        switch (verification.Outcome)
        {
            case DigestOutcome.Missing:
                return Challenge(request, stale: false);
            case DigestOutcome.Stale:
                _log.Debug(
                    "REGISTER from {RemoteEndPoint} for {User} carried a stale, foreign or replayed nonce",
                    source,
                    claimed);
                return Challenge(request, stale: true);
            case DigestOutcome.Invalid:
                RecordFailure(source, claimed, now, "wrong credentials");
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
        if (current is null)
        {
            _log.Warning(
                "Security: REGISTER from {RemoteEndPoint} for {User} refused: more than {MaxBindings} "
                    + "bindings",
                source,
                user,
                _options.MaxBindingsPerUser);
            return request.CreateResponse(403, "Too many bindings", SipTransactionLayer.NewTag());
        }

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
        foreach (var challenge in _auth.CreateChallenges(stale))
        {
            response.Headers.Add("WWW-Authenticate", challenge);
        }

        return response;
    }

    private void RecordFailure(IPEndPoint source, string user, DateTimeOffset now, string reason)
    {
        var address = AddressOf(source);
        RegistrationBan ban;
        lock (_gate)
        {
            ban = _failures.RecordLocked(address, user, now);
        }

        _log.Warning(
            "Security: REGISTER from {RemoteEndPoint} for {User} refused: {Reason}",
            source,
            user,
            reason);
        if (ban == RegistrationBan.User)
        {
            _log.Warning(
                "Security: banned {User} from {RemoteAddress} for {BanDuration} after {Failures} failed "
                    + "registrations",
                user,
                address,
                _options.BanDuration,
                _options.FailureLimit);
        }
        else if (ban == RegistrationBan.Address)
        {
            _log.Warning(
                "Security: banned {RemoteAddress} for {BanDuration} after {Failures} failed registrations "
                    + "across users (last user {User})",
                address,
                _options.BanDuration,
                _options.AddressFailureLimit,
                user);
        }
    }

    /// <summary>
    /// Applies the changes; null, and nothing changed, when they exceed the bindings limit.
    /// </summary>
    private List<SipBinding>? Apply(
        string user,
        IPEndPoint source,
        SipRegisterChanges changes,
        DateTimeOffset now)
    {
        var added = new List<SipBinding>();
        var removed = new List<SipBinding>();
        var refreshed = new List<SipBinding>();
        List<SipBinding> next;
        lock (_gate)
        {
            var bindings = _bindings.GetValueOrDefault(user) ?? [];
            next = changes.RemoveAll ? [] : [.. bindings];
            if (changes.RemoveAll)
            {
                removed.AddRange(bindings);
            }

            foreach (var (contact, expires) in changes.Contacts)
            {
                var index = next.FindIndex(b => SameContact(b.Contact, contact));
                if (index >= 0)
                {
                    if (expires == TimeSpan.Zero)
                    {
                        removed.Add(next[index]);
                    }

                    next.RemoveAt(index);
                }

                if (expires > TimeSpan.Zero)
                {
                    var binding = new SipBinding(user, contact, source, now + expires);
                    next.Add(binding);
                    (index < 0 ? added : refreshed).Add(binding);
                }
            }

            if (added.Count > 0 && next.Count > _options.MaxBindingsPerUser)
            {
                return null;
            }

            if (next.Count == 0)
            {
                _bindings.Remove(user);
            }
            else
            {
                _bindings[user] = [.. next];
            }

            RescheduleLocked(now);
        }

        Publish(removed, added, refreshed);
        foreach (var binding in added)
        {
            _log.Information(
                "User {User} registered {Contact} from {RemoteEndPoint}",
                user,
                binding.Contact,
                source);
        }

        return next;
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

        Publish(expired, [], []);
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

    private void Publish(List<SipBinding> removed, List<SipBinding> added, List<SipBinding> refreshed)
    {
        foreach (var binding in removed)
        {
            BindingRemoved?.Invoke(binding);
        }

        foreach (var binding in added)
        {
            BindingAdded?.Invoke(binding);
        }

        foreach (var binding in refreshed)
        {
            BindingRefreshed?.Invoke(binding);
        }
    }

    /// <summary>The source IP without port, IPv4-mapped addresses as IPv4, so one host is one key.</summary>
    private static IPAddress AddressOf(IPEndPoint source) =>
        source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;

    private static bool SameContact(SipUri a, SipUri b) =>
        string.Equals(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase);

    private static string Seconds(TimeSpan span) =>
        ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
