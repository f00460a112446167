using System.Globalization;
using System.Net;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Resolution;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Registration;

/// <summary>
/// Keeps the box registered with a carrier (RFC 3261 §10.2): REGISTER with our Contact, one
/// digest answer to a 401 or 407 challenge (MD5 or SHA-256, the first offered that we know),
/// and a refresh before the granted expiry runs out: 30 s before it, or half way through a
/// grant of a minute or less. A refusal or silence is retried after
/// <see cref="SipOutboundRegistrationOptions.RetryAfterFailure"/>, or the 423's Min-Expires.
/// Each attempt goes to the servers of <see cref="SipOutboundRegistrationOptions.Targets"/> in
/// turn, moving on when one is silent or answers 503 (RFC 3263 §4.3); the digest answer goes to
/// the server that challenged.
/// </summary>
/// <remarks>
/// Thread safe: the refresh timer and the caller run one attempt at a time under a semaphore.
/// Call-ID and From tag stay for the life of the object and CSeq grows (§10.2.4), so the
/// carrier sees one registration refreshed, not a new one each time.
/// </remarks>
public sealed class SipOutboundRegistration : IAsyncDisposable
{
    private static readonly TimeSpan s_refreshMargin = TimeSpan.FromSeconds(30);

    private readonly SipTransactionLayer _sip;
    private readonly SipOutboundRegistrationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _callId;
    private readonly string _fromTag = SipTransactionLayer.NewTag();
    private uint _cseq;
    private TimeSpan _expires;
    private SipRegistrationStatus _status = new(SipRegistrationState.Registering, null, null, null, null);
    private ITimer? _timer;
    private bool _disposed;

    public SipOutboundRegistration(
        SipTransactionLayer sip,
        SipOutboundRegistrationOptions options,
        TimeProvider time,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(sip);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Registrar is null && options.Targets is null)
        {
            throw new ArgumentException("Either Registrar or Targets must be set.", nameof(options));
        }

        _sip = sip;
        _options = options;
        _time = time;
        _log = log.ForContext<SipOutboundRegistration>();
        _expires = options.Expires;
        _callId = string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}@{sip.LocalEndPoint.Address}");
    }

    /// <summary>Raised after each accepted REGISTER with the time the carrier's binding now expires.</summary>
    public event Action<DateTimeOffset>? Registered;

    /// <summary>When the current registration expires, or null while not registered.</summary>
    public DateTimeOffset? ExpiresUtc => Status.ExpiresUtc;

    /// <summary>The status of the last final response, or null before the first or after silence.</summary>
    public int? LastStatus => Status.LastStatus;

    /// <summary>State, server, expiry and last error of the latest attempt; safe from any thread.</summary>
    public SipRegistrationStatus Status => Volatile.Read(ref _status);

    /// <summary>Registers now and keeps the registration refreshed until disposed.</summary>
    public void Start() => _ = RegisterAsync();

    /// <summary>One REGISTER (with its digest retry); schedules the next attempt either way.</summary>
    /// <returns>True when the carrier accepted it.</returns>
    public async Task<bool> RegisterAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return false;
            }

            var targets = await TargetsAsync().ConfigureAwait(false);
            SipResponse? response = null;
            IPEndPoint? answered = null;
            foreach (var target in targets)
            {
                response = await SendAsync(target, authorization: null).ConfigureAwait(false);
                if (response is { StatusCode: 401 or 407 } challenge
                    && Answer(challenge, target) is { } authorization)
                {
                    response = await SendAsync(target, authorization).ConfigureAwait(false);
                }

                // RFC 3263 §4.3: silence or 503 moves on to the next server; anything else is the answer.
                if (response is not null && response.StatusCode != 503)
                {
                    answered = target;
                    break;
                }

                _log.Warning(
                    "Registrar {Registrar} of {Domain} failed ({Status}); trying the next server",
                    target,
                    _options.Domain,
                    response is null ? "no answer" : "503");
            }

            return Conclude(response, answered, targets.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_timer is not null)
            {
                await _timer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<IPEndPoint>> TargetsAsync()
    {
        if (_options.Targets is null)
        {
            return [_options.Registrar!];
        }

        var targets = await _options.Targets(CancellationToken.None).ConfigureAwait(false);
        return [.. targets.Select(t => t.EndPoint)];
    }

    private async Task<SipResponse?> SendAsync(IPEndPoint target, (string Header, string Value)? authorization)
    {
        var register = Build();
        if (authorization is { } auth)
        {
            register.Headers.Add(auth.Header, auth.Value);
        }

        return await _sip.SendRequest(register, target).FinalResponse.ConfigureAwait(false);
    }

    private SipRequest Build()
    {
        var aor = $"<sip:{_options.User}@{_options.Domain}>";
        var local = _sip.LocalEndPoint;
        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{local.Address}]"
            : local.Address.ToString();
        var register = new SipRequest("REGISTER", new SipUri("sip", null, _options.Domain));
        register.Headers.Add("From", $"{aor};tag={_fromTag}");
        register.Headers.Add("To", aor);
        register.Headers.Add("Call-ID", _callId);
        _cseq++;
        register.Headers.Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{_cseq} REGISTER"));
        register.Headers.Add(
            "Contact",
            string.Create(CultureInfo.InvariantCulture, $"<sip:{_options.User}@{host}:{local.Port}>"));
        register.Headers.Add(
            "Expires",
            ((int)_expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return register;
    }

    /// <summary>RFC 3261 §22.2 (401, WWW-Authenticate) and §22.3 (407, Proxy-Authenticate).</summary>
    private (string Header, string Value)? Answer(SipResponse challenge, IPEndPoint target)
    {
        var proxy = challenge.StatusCode == 407;
        var challenges = challenge.Headers.GetAll(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        var chosen = DigestClient.ChooseChallenge(challenges);
        if (chosen is null)
        {
            _log.Warning("Registrar {Registrar} offered no digest algorithm we know", target);
            return null;
        }

        var uri = new SipUri("sip", null, _options.Domain).ToString();
        var value = DigestClient.CreateAuthorization(chosen, "REGISTER", uri, _options.User, _options.Password);
        return (proxy ? "Proxy-Authorization" : "Authorization", value);
    }

    private bool Conclude(SipResponse? response, IPEndPoint? answered, int servers)
    {
        if (response is { StatusCode: >= 200 and < 300 })
        {
            var granted = GrantedExpiry(response);
            var expiresUtc = _time.GetUtcNow() + granted;
            Volatile.Write(
                ref _status,
                new SipRegistrationStatus(SipRegistrationState.Registered, answered, expiresUtc, response.StatusCode, null));
            var refresh = granted > TimeSpan.FromMinutes(1) ? granted - s_refreshMargin : granted / 2;
            Schedule(refresh);
            _log.Information(
                "Registered as {User} at {Registrar} for {ExpiresSeconds} s",
                _options.User,
                answered,
                (int)granted.TotalSeconds);
            Registered?.Invoke(expiresUtc);
            return true;
        }

        var error = servers == 0
            ? $"no server found for {_options.Domain}"
            : response is null
                ? string.Create(CultureInfo.InvariantCulture, $"no answer from {servers} server(s)")
                : string.Create(CultureInfo.InvariantCulture, $"{response.StatusCode} {response.ReasonPhrase}");
        Volatile.Write(
            ref _status,
            new SipRegistrationStatus(SipRegistrationState.Failed, answered, null, response?.StatusCode, error));
        var retry = _options.RetryAfterFailure;
        if (response is { StatusCode: 423 }
            && int.TryParse(response.Headers["Min-Expires"], CultureInfo.InvariantCulture, out var min)
            && TimeSpan.FromSeconds(min) > _expires)
        {
            // §10.2.8: ask again at once with at least the registrar's minimum.
            _expires = TimeSpan.FromSeconds(min);
            retry = TimeSpan.Zero;
        }

        _log.Warning(
            "Registration as {User} at {Domain} failed ({Error}); retrying in {RetrySeconds} s",
            _options.User,
            _options.Domain,
            error,
            (int)retry.TotalSeconds);
        Schedule(retry);
        return false;
    }

    /// <summary>§10.2.4: the expires of our Contact in the 200, else its Expires, else what we asked.</summary>
    private TimeSpan GrantedExpiry(SipResponse ok)
    {
        foreach (var contact in ok.Headers.GetAll("Contact"))
        {
            if (SipNameAddress.TryParse(contact, out var address)
                && string.Equals(address.Uri.User, _options.User, StringComparison.Ordinal)
                && address.Parameters.TryGetValue("expires", out var text)
                && int.TryParse(text, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return int.TryParse(ok.Headers["Expires"], CultureInfo.InvariantCulture, out var header) && header > 0
            ? TimeSpan.FromSeconds(header)
            : _expires;
    }

    private void Schedule(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = _time.CreateTimer(_ => _ = RegisterAsync(), null, due, Timeout.InfiniteTimeSpan);
    }
}
