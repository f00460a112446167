using System.Threading.Channels;
using Appliance.Drivers.Gsm;
using Appliance.Storage;
using Appliance.Storage.Rows;
using Appliance.Telephony.Trunks;
using Appliance.Web.Sms;
using Serilog;

namespace Appliance.Service.Sms;

/// <summary>
/// Text messages through the GSM modules, kept in table <c>Sms</c>. A received message is stored,
/// then announced on <see cref="Received"/> (the web posts it to the CRM webhooks). An outgoing
/// message is stored as queued and sent by the first module in service; when the module refuses
/// or does not answer it is tried again after <see cref="RetryDelay"/>, doubling up to ten minutes,
/// until one accepts it, also across a restart of the service. One loop does all the work, so
/// the gateway's mailbox and the web's request threads never wait for a module.
/// </summary>
internal sealed class SmsStoreAndForward : ISmsCenter, IAsyncDisposable
{
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyList<GsmTrunkModule> _modules;
    private readonly ApplianceDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Channel<(GsmTrunkModule Module, GsmEvent Message)> _incoming =
        Channel.CreateUnbounded<(GsmTrunkModule Module, GsmEvent Message)>();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _sending;

    public SmsStoreAndForward(
        PstnGateway gateway,
        ApplianceDatabase database,
        TimeSpan retryDelay,
        TimeProvider time,
        ILogger log)
    {
        _modules = gateway.Modules;
        _database = database;
        RetryDelay = retryDelay;
        _time = time;
        _log = log.ForContext<SmsStoreAndForward>();
        gateway.SmsReceived += (module, e) => _incoming.Writer.TryWrite((module, e));
        _receiving = Task.Run(() => ReceiveLoopAsync(_stop.Token));
        _sending = Task.Run(() => SendLoopAsync(_stop.Token));
    }

    public event Action<SmsView>? Received;

    /// <summary>The wait before the second attempt at a message; each later one waits twice as
    /// long as the one before, up to ten minutes.</summary>
    public TimeSpan RetryDelay { get; }

    public IReadOnlyList<SmsView> Recent(int count) => [.. _database.RecentSms(count).Select(View)];

    public SmsView Queue(string number, string text, string queuedBy)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var row = _database.SaveSms(new SmsRow
        {
            Direction = SmsRow.Outgoing,
            State = SmsRow.Queued,
            Number = number,
            Text = text,
            QueuedBy = queuedBy,
            CreatedUtc = now,
            NextAttemptUtc = now,
        });
        _log.Information("SMS {SmsId} to {Number} queued by {User}", row.Id, number, queuedBy);
        Wake();
        return View(row);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiving.ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
        _stop.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // The loop is woken already.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (module, e) in _incoming.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = _database.SaveSms(new SmsRow
                {
                    Direction = SmsRow.Incoming,
                    State = e.Complete ? SmsRow.Received : SmsRow.Incomplete,
                    Module = module.Name,
                    Number = e.Number.Length == 0 ? "unknown" : e.Number,
                    Text = e.Text,
                    ServiceCentreTime = e.ServiceCentreTime,
                    CreatedUtc = _time.GetUtcNow().UtcDateTime,
                });
                _log.Information("SMS {SmsId} from {Number} stored {State}", row.Id, row.Number, row.State);
                Received?.Invoke(View(row));
            }
        }
        catch (OperationCanceledException)
        {
            // The service is stopping; the module keeps what it has not delivered.
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var row in _database.DueSms(_time.GetUtcNow().UtcDateTime))
                {
                    await SendAsync(row, cancellationToken).ConfigureAwait(false);
                }

                await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The service is stopping; queued messages stay queued in the table.
        }
    }

    /// <summary>Until a new message is queued, or in time for the next retry.</summary>
    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(round.Token);
        var due = Task.Delay(RetryDelay, _time, round.Token);
        await Task.WhenAny(woken, due).ConfigureAwait(false);
        await round.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { woken, due })
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The other one came first.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task SendAsync(SmsRow row, CancellationToken cancellationToken)
    {
        var module = _modules.FirstOrDefault(
            m => m.State.InService && (row.Module.Length == 0 || m.Name == row.Module));
        if (module is null)
        {
            Retry(row, "no GSM module in service", countAttempt: false);
            return;
        }

        row.Attempts++;
        try
        {
            row.Reference = await module.Modem.SendSmsAsync(row.Number, row.Text, cancellationToken)
                .ConfigureAwait(false);
            row.State = SmsRow.Sent;
            row.Module = module.Name;
            row.SentUtc = _time.GetUtcNow().UtcDateTime;
            row.LastError = "";
            _database.UpdateSms(row);
            _log.Information("SMS {SmsId} to {Number} sent by {Module} after {Attempts} attempts", row.Id,
                row.Number, module.Name, row.Attempts);
        }
        catch (AtCommandException ex)
        {
            Retry(row, $"{module.Name}: {ex.Result}", countAttempt: true);
        }
        catch (ArgumentException ex)
        {
            // The row is read by a supervisor on the SMS page, where .NET's "(Parameter 'text')" means nothing.
            var reason = ex.ParamName is null
                ? ex.Message
                : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            row.State = SmsRow.Failed;
            row.LastError = reason;
            _database.UpdateSms(row);
            _log.Error("SMS {SmsId} to {Number} cannot be sent: {Reason}", row.Id, row.Number, reason);
        }
    }

    private void Retry(SmsRow row, string reason, bool countAttempt)
    {
        var exponent = Math.Clamp(row.Attempts - 1, 0, 16);
        var delay = countAttempt
            ? TimeSpan.FromTicks(Math.Min(RetryDelay.Ticks * (1L << exponent), s_longestDelay.Ticks))
            : RetryDelay;
        row.NextAttemptUtc = _time.GetUtcNow().UtcDateTime + delay;
        row.LastError = reason;
        _database.UpdateSms(row);
        _log.Warning("SMS {SmsId} to {Number} not sent ({Reason}); trying again in {RetryDelay}", row.Id,
            row.Number, reason, delay);
    }

    private static SmsView View(SmsRow row) => new(
        row.Id,
        row.Direction,
        row.State,
        row.Module,
        row.Number,
        row.Text,
        new DateTimeOffset(DateTime.SpecifyKind(row.CreatedUtc, DateTimeKind.Utc)),
        row.SentUtc is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null,
        row.Attempts,
        row.LastError);
}
