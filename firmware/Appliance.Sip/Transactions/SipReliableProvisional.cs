using System.Globalization;
using System.Security.Cryptography;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transactions;

/// <summary>
/// Reliable provisional responses of one INVITE server transaction (RFC 3262 §3): each one
/// carries <c>Require: 100rel</c> and an RSeq counting up from a random start, and is
/// retransmitted from T1 doubling until a PRACK acknowledges it or 64*T1 passes. Only one is
/// outstanding at a time (§3: the next waits for the PRACK of the last). Thread safe; the
/// events run on a timer thread, outside any lock.
/// </summary>
public sealed class SipReliableProvisional
{
    private readonly SipServerTransaction _invite;
    private readonly Lock _gate = new();
    private uint _nextRSeq;
    private SipResponse? _outstanding;
    private uint _outstandingRSeq;
    private ITimer? _retransmitTimer;
    private ITimer? _giveUpTimer;
    private TimeSpan _interval;

    public SipReliableProvisional(SipServerTransaction invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        _invite = invite;

        // §3: the first RSeq is chosen at random between 1 and 2**31 - 1.
        _nextRSeq = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue / 2);
    }

    /// <summary>The outstanding response was retransmitted for 64*T1 without a PRACK.</summary>
    public event Action? Expired;

    /// <summary>True while a reliable provisional waits for its PRACK.</summary>
    public bool IsOutstanding
    {
        get
        {
            lock (_gate)
            {
                return _outstanding is not null;
            }
        }
    }

    /// <summary>True when the request names <c>100rel</c> in Require (RFC 3262 §4).</summary>
    public static bool IsRequired(SipRequest request) => HasOption(request, "Require", "100rel");

    /// <summary>True when the request names <c>100rel</c> in Supported or Require.</summary>
    public static bool IsSupported(SipRequest request) =>
        HasOption(request, "Supported", "100rel") || IsRequired(request);

    /// <summary>True when an option-tag header (Require, Supported) lists <paramref name="tag"/>.</summary>
    public static bool HasOption(SipRequest request, string header, string tag)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.Headers.GetAll(header))
        {
            if (string.Equals(value.Trim(), tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sends <paramref name="provisional"/> (101-199, with a To tag) reliably.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another reliable provisional still waits for
    /// its PRACK, or the response is not a provisional above 100.</exception>
    public async ValueTask SendAsync(SipResponse provisional)
    {
        ArgumentNullException.ThrowIfNull(provisional);
        if (provisional.StatusCode is <= 100 or >= 200)
        {
            throw new InvalidOperationException(
                $"Only 101-199 can be sent reliably, not {provisional.StatusCode}.");
        }

        var timers = _invite.Layer.Timers;
        lock (_gate)
        {
            if (_outstanding is not null)
            {
                throw new InvalidOperationException(
                    $"RSeq {_outstandingRSeq} still waits for its PRACK; RFC 3262 §3 sends one at a time.");
            }

            _outstandingRSeq = _nextRSeq++;
            provisional.Headers["Require"] = "100rel";
            provisional.Headers["RSeq"] = _outstandingRSeq.ToString(CultureInfo.InvariantCulture);
            _outstanding = provisional;
            _interval = timers.T1;
            _retransmitTimer = _invite.Layer.StartTimer(Retransmit, _interval);
            _giveUpTimer = _invite.Layer.StartTimer(GiveUp, timers.Transaction);
        }

        await _invite.SendResponseAsync(provisional).ConfigureAwait(false);
    }

    /// <summary>
    /// Matches a PRACK's RAck (<c>RSeq CSeq-number method</c>, §7.2) to the outstanding
    /// response. True stops its retransmission: answer the PRACK 200. False: answer 481.
    /// </summary>
    public bool TryAcknowledge(SipRequest prack)
    {
        ArgumentNullException.ThrowIfNull(prack);
        if (!TryParseRAck(prack.Headers["RAck"], out var rseq, out var cseq, out var method))
        {
            return false;
        }

        lock (_gate)
        {
            var matches = _outstanding is not null
                && rseq == _outstandingRSeq
                && cseq == _invite.Request.CSeq?.Number
                && string.Equals(method, _invite.Request.Method, StringComparison.Ordinal);
            if (!matches)
            {
                return false;
            }

            StopLocked();
            return true;
        }
    }

    /// <summary>Stops retransmitting (the final response went out, or the call ended).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            StopLocked();
        }
    }

    internal static bool TryParseRAck(string? value, out uint rseq, out uint cseq, out string method)
    {
        rseq = 0;
        cseq = 0;
        method = string.Empty;
        var parts = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts is not { Length: 3 }
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out rseq)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out cseq))
        {
            return false;
        }

        method = parts[2];
        return true;
    }

    private void Retransmit()
    {
        SipResponse? response;
        lock (_gate)
        {
            response = _outstanding;
            if (response is null || _retransmitTimer is null)
            {
                return;
            }

            // §3: the interval starts at T1 and doubles on each retransmission.
            _interval *= 2;
            _retransmitTimer.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        _invite.Resend(response);
    }

    private void GiveUp()
    {
        lock (_gate)
        {
            if (_outstanding is null)
            {
                return;
            }

            StopLocked();
        }

        _invite.Layer.Log.Debug(
            "Reliable provisional for INVITE {CallId} was never acknowledged",
            _invite.Request.CallId);
        try
        {
            Expired?.Invoke();
        }
        catch (Exception ex)
        {
            _invite.Layer.Log.Error(ex, "Expired handler failed for INVITE {CallId}", _invite.Request.CallId);
        }
    }

    private void StopLocked()
    {
        _outstanding = null;
        _retransmitTimer?.Dispose();
        _giveUpTimer?.Dispose();
        _retransmitTimer = null;
        _giveUpTimer = null;
    }
}
