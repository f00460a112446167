using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Telephony.Voicemail;

/// <summary>
/// Keeps the message-waiting lamps of the mailboxes' phones right (RFC 3842): a NOTIFY of event
/// <c>message-summary</c> with the mailbox's new/old counts goes to every phone registered as
/// the mailbox whenever the counts change, again when a phone registers anew while the mailbox
/// keeps messages (or a NOTIFY to it went unanswered), and again after
/// <see cref="RetryAfter"/> when a phone does not answer one, up to <see cref="MaxAttempts"/>.
/// </summary>
/// <remarks>
/// Phones commonly take these NOTIFYs without a subscription (unsolicited), as the box sends
/// them. Thread safe: calls, the registrar and the web call it from their own threads. A newer
/// notification of a mailbox supersedes the retries of an older one, so a lamp ends on the
/// latest counts.
/// </remarks>
public sealed class MessageWaitingNotifier : IDisposable
{
    private readonly SipTransactionLayer _sip;
    private readonly SipRegistrar _registrar;
    private readonly IVoicemailBox _box;
    private readonly IPAddress _advertised;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, int> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _undelivered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITimer, byte> _retries = new();
    private volatile bool _disposed;

    public MessageWaitingNotifier(
        SipTransactionLayer sip,
        SipRegistrar registrar,
        IVoicemailBox box,
        IPAddress advertised,
        TimeProvider time,
        ILogger log)
    {
        _sip = sip;
        _registrar = registrar;
        _box = box;
        _advertised = advertised;
        _time = time;
        _log = log.ForContext<MessageWaitingNotifier>();
        _registrar.BindingAdded += OnBindingAdded;
    }

    /// <summary>How long an unanswered NOTIFY waits before it is sent again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times one notification is sent to a phone that does not answer.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Tells every phone of the mailbox its current counts.</summary>
    public void Notify(string mailbox)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        var generation = _generations.AddOrUpdate(mailbox, 1, (_, g) => g + 1);
        foreach (var binding in _registrar.Lookup(mailbox))
        {
            _ = SendAsync(new Delivery(binding, generation), attempt: 1);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _registrar.BindingAdded -= OnBindingAdded;
        foreach (var timer in _retries.Keys)
        {
            timer.Dispose();
        }

        _retries.Clear();
    }

    /// <summary>A phone that was away registers again: its lamp may be stale.</summary>
    private void OnBindingAdded(SipBinding binding)
    {
        MailboxCount count;
        try
        {
            count = _box.Count(binding.User);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The messages of mailbox {Mailbox} could not be counted for its lamp", binding.User);
            return;
        }

        // A phone of a mailbox that never had a message needs no NOTIFY: its lamp is off.
        if (count.New + count.Old == 0 && !_undelivered.ContainsKey(binding.User))
        {
            return;
        }

        var generation = _generations.GetOrAdd(binding.User, 0);
        _ = Task.Run(() => SendAsync(new Delivery(binding, generation), attempt: 1));
    }

    private async Task SendAsync(Delivery delivery, int attempt)
    {
        var binding = delivery.Binding;
        if (_disposed)
        {
            return;
        }

        SipResponse? response;
        MailboxCount count;
        try
        {
            count = _box.Count(binding.User);
            var transaction = _sip.SendRequest(Build(delivery, attempt, count), DestinationOf(binding));
            response = await transaction.FinalResponse.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The message-waiting NOTIFY of mailbox {Mailbox} could not be sent", binding.User);
            return;
        }

        if (response is { StatusCode: >= 200 and < 300 })
        {
            _undelivered.TryRemove(binding.User, out _);
            _log.Information(
                "Message waiting for mailbox {Mailbox} ({New} new, {Old} old) notified to {Contact}",
                binding.User,
                count.New,
                count.Old,
                binding.Contact);
            return;
        }

        // RFC 3261 §17.1.2.2: no final response within 64*T1 is a timeout (null here); a 408
        // or a 5xx is worth another try later, any other refusal is the phone's last word.
        if (response is not null && response.StatusCode != 408 && response.StatusCode < 500)
        {
            _log.Warning(
                "Phone {Contact} of mailbox {Mailbox} refused the message-waiting NOTIFY with {StatusCode}",
                binding.Contact,
                binding.User,
                response.StatusCode);
            return;
        }

        _undelivered[binding.User] = 0;
        ScheduleRetry(delivery, attempt, response?.StatusCode);
    }

    private void ScheduleRetry(Delivery delivery, int attempt, int? statusCode)
    {
        var binding = delivery.Binding;
        if (attempt >= MaxAttempts || _disposed)
        {
            _log.Warning(
                "Phone {Contact} of mailbox {Mailbox} did not take the message-waiting NOTIFY after {Attempts} tries",
                binding.Contact,
                binding.User,
                attempt);
            return;
        }

        _log.Information(
            "Phone {Contact} of mailbox {Mailbox} did not answer the message-waiting NOTIFY ({StatusCode}); "
                + "again in {RetrySeconds} s",
            binding.Contact,
            binding.User,
            statusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer",
            RetryAfter.TotalSeconds);
        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                if (timer is not null)
                {
                    _retries.TryRemove(timer, out byte _);
                    timer.Dispose();
                }

                // A newer notification has gone out meanwhile, and the phone may have left.
                var current = _generations.GetOrAdd(binding.User, 0);
                var stillThere = _registrar.Lookup(binding.User).Any(b => b.Contact.ToString() == binding.Contact.ToString());
                if (current == delivery.Generation && stillThere)
                {
                    _ = SendAsync(delivery, attempt + 1);
                }
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _retries[timer] = 0;
        timer.Change(RetryAfter, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// RFC 3842 §3, §5: the NOTIFY with the application/simple-message-summary body. A retry keeps
    /// the Call-ID and From tag of the first try with the next CSeq, so the phone sees one
    /// conversation (RFC 3261 §8.1.1.5) rather than a new one per try.
    /// </summary>
    private SipRequest Build(Delivery delivery, int attempt, MailboxCount count)
    {
        var binding = delivery.Binding;
        var host = _advertised.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{_advertised}]"
            : _advertised.ToString();
        var account = $"sip:{binding.User}@{host}";
        var local = _sip.LocalEndPoint;
        var notify = new SipRequest("NOTIFY", binding.Contact);
        notify.Headers.Add("Max-Forwards", "70");
        notify.Headers.Add("From", $"<{account}>;tag={delivery.FromTag}");
        notify.Headers.Add("To", $"<{account}>");
        notify.Headers.Add("Call-ID", $"{delivery.CallId}@{host}");
        notify.Headers.Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{attempt} NOTIFY"));
        notify.Headers.Add("Contact", string.Create(CultureInfo.InvariantCulture, $"<sip:{host}:{local.Port}>"));
        notify.Headers.Add("Event", MessageSummary.EventPackage);
        notify.Headers.Add("Subscription-State", "active");
        notify.Headers.Add("Content-Type", MessageSummary.ContentType);
        notify.Body = Encoding.UTF8.GetBytes(MessageSummary.Body(account, count.New, count.Old));
        return notify;
    }

    /// <summary>One notification to one phone, kept across its tries.</summary>
    private sealed record Delivery(SipBinding Binding, int Generation)
    {
        public string CallId { get; } = Guid.NewGuid().ToString("N");

        public string FromTag { get; } = SipTransactionLayer.NewTag();
    }

    /// <summary>A registered phone's Contact, or its source address when it is behind a NAT.</summary>
    private static IPEndPoint DestinationOf(SipBinding binding)
    {
        var contactHost = binding.Contact.Host.Trim('[', ']');
        if (IPAddress.TryParse(contactHost, out var host) && host.Equals(binding.Source.Address))
        {
            return new IPEndPoint(host, binding.Contact.Port ?? 5060);
        }

        return binding.Source;
    }
}
