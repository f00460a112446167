using System.Globalization;
using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Sip.Registration;

/// <summary>
/// Keeps the box registered with a carrier (RFC 3261 §10.2): REGISTER with our Contact, one
/// digest answer to a 401 or 407 challenge (MD5 or SHA-256, the first offered that we know),
/// and a refresh before the granted expiry runs out: 30 s before it, or half way through a
/// grant of a minute or less. A refusal or silence is retried after
/// <see cref="SipOutboundRegistrationOptions.RetryAfterFailure"/>, or the 423's Min-Expires.
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
    public DateTimeOffset? ExpiresUtc { get; private set; }

    /// <summary>The status of the last final response, or null before the first or after silence.</summary>
    public int? LastStatus { get; private set; }

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

            var response = await SendAsync(authorization: null).ConfigureAwait(false);
            if (response is { StatusCode: 401 or 407 } challenge
                && Answer(challenge) is { } authorization)
            {
                response = await SendAsync(authorization).ConfigureAwait(false);
            }

            return Conclude(response);
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

    private async Task<SipResponse?> SendAsync((string Header, string Value)? authorization)
    {
        var register = Build();
        if (authorization is { } auth)
        {
            register.Headers.Add(auth.Header, auth.Value);
        }

        return await _sip.SendRequest(register, _options.Registrar).FinalResponse.ConfigureAwait(false);
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
    private (string Header, string Value)? Answer(SipResponse challenge)
    {
        var proxy = challenge.StatusCode == 407;
        var challenges = challenge.Headers.GetAll(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        var chosen = DigestClient.ChooseChallenge(challenges);
        if (chosen is null)
        {
            _log.Warning("Registrar {Registrar} offered no digest algorithm we know", _options.Registrar);
            return null;
        }

        var uri = new SipUri("sip", null, _options.Domain).ToString();
        var value = DigestClient.CreateAuthorization(chosen, "REGISTER", uri, _options.User, _options.Password);
        return (proxy ? "Proxy-Authorization" : "Authorization", value);
    }

    private bool Conclude(SipResponse? response)
    {
        LastStatus = response?.StatusCode;
        if (response is { StatusCode: >= 200 and < 300 })
        {
            var granted = GrantedExpiry(response);
            var now = _time.GetUtcNow();
            ExpiresUtc = now + granted;
            var refresh = granted > TimeSpan.FromMinutes(1) ? granted - s_refreshMargin : granted / 2;
            Schedule(refresh);
            _log.Information(
                "Registered as {User} at {Registrar} for {ExpiresSeconds} s",
                _options.User,
                _options.Registrar,
                (int)granted.TotalSeconds);
            Registered?.Invoke(ExpiresUtc.Value);
            return true;
        }

        ExpiresUtc = null;
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
            "Registration as {User} at {Registrar} failed ({Status}); retrying in {RetrySeconds} s",
            _options.User,
            _options.Registrar,
            response?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "no answer",
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
