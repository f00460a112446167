using System.Globalization;
using Appliance.Drivers.Gsm.Pdu;

namespace Appliance.Drivers.Gsm;

/// <summary>Text messages: the choice of PDU or text mode at start-up, sending, and reading what
/// the module delivers (+CMT) or stores (+CMTI), in either mode.</summary>
public sealed partial class AtModem
{
    private readonly SmsReassembly _reassembly;
    private bool _pdu;
    private int _nextReference;

    /// <summary>Whether the module was put into PDU mode at start-up (guarded by the gate).</summary>
    public bool InPduMode
    {
        get
        {
            lock (_gate)
            {
                return _pdu;
            }
        }
    }

    /// <summary>
    /// Sends a text message (AT+CMGS, TS 27.005 §3.5.1). In PDU mode the text may be in any script
    /// (UCS-2 when it does not fit the GSM alphabet) and long, sent as concatenated parts of one
    /// AT+CMGS each; in text mode it is at most 160 characters of the GSM alphabet.
    /// </summary>
    /// <returns>The message reference the network gave the first part.</returns>
    /// <exception cref="ArgumentException">A bad number, control characters, or text too long
    /// for the mode (<see cref="SmsSubmitWriter.MaxParts"/> parts in PDU mode).</exception>
    /// <exception cref="AtCommandException">The module or the network refused a part; the parts
    /// before it have gone out.</exception>
    public async Task<int> SendSmsAsync(string number, string text, CancellationToken cancellationToken)
    {
        AtText.CheckDialString(number.TrimStart('+'), nameof(number));
        ArgumentNullException.ThrowIfNull(text);
        if (text.Any(c => c < ' ' && c != '\n' && c != '\r'))
        {
            throw new ArgumentException(
                "A text message holds no control characters but line breaks.", nameof(text));
        }

        return InPduMode
            ? await SendPduAsync(number, text, cancellationToken).ConfigureAwait(false)
            : await SendTextAsync(number, text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TS 27.005 §3.2.3: PDU mode when it is asked for and AT+CMGF=? lists 0; otherwise
    /// text mode with the GSM character set.</summary>
    private async Task ChooseSmsModeAsync(CancellationToken cancellationToken)
    {
        if (_options.SmsMode == SmsMode.Pdu && await OffersPduModeAsync(cancellationToken).ConfigureAwait(false))
        {
            await CommandAsync("AT+CMGF=0", cancellationToken).ConfigureAwait(false);
            SetPduMode(on: true);
            return;
        }

        await CommandAsync("AT+CMGF=1", cancellationToken).ConfigureAwait(false);
        await CommandAsync("AT+CSCS=\"GSM\"", cancellationToken).ConfigureAwait(false);
        SetPduMode(on: false);
        if (_options.SmsMode == SmsMode.Pdu)
        {
            _log.Warning("GSM module has no SMS PDU mode; text mode carries 160 GSM characters a message");
        }
    }

    private async Task<bool> OffersPduModeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var modes = await CommandAsync("AT+CMGF=?", cancellationToken, "+CMGF:").ConfigureAwait(false);
            return AtText.After(First(modes)).Contains('0', StringComparison.Ordinal);
        }
        catch (AtCommandException ex) when (ex.Result != "timeout")
        {
            return false;
        }
    }

    private void SetPduMode(bool on)
    {
        lock (_gate)
        {
            _pdu = on;
        }
    }

    private async Task<int> SendTextAsync(string number, string text, CancellationToken cancellationToken)
    {
        if (!GsmAlphabet.TryToSeptets(text, out var septets) || septets.Length > 160)
        {
            throw new ArgumentException(
                "In text mode a message is at most 160 characters of the GSM alphabet.", nameof(text));
        }

        var lines = await CommandAsync($"AT+CMGS=\"{number}\"", cancellationToken, "+CMGS:", text + CtrlZ)
            .ConfigureAwait(false);
        var reference = AtText.FirstInt(First(lines)) ?? -1;
        _log.Information("SMS to {Number} sent with reference {Reference}", number, reference);
        return reference;
    }

    private async Task<int> SendPduAsync(string number, string text, CancellationToken cancellationToken)
    {
        var parts = SmsSubmitWriter.Write(number, text, Interlocked.Increment(ref _nextReference) & 0xFF);
        var first = -1;
        for (var i = 0; i < parts.Count; i++)
        {
            var command = string.Create(CultureInfo.InvariantCulture, $"AT+CMGS={parts[i].TpduLength}");
            var lines = await CommandAsync(command, cancellationToken, "+CMGS:", parts[i].Hex + CtrlZ)
                .ConfigureAwait(false);
            if (i == 0)
            {
                first = AtText.FirstInt(First(lines)) ?? -1;
            }
        }

        _log.Information(
            "SMS to {Number} sent in {Parts} parts with reference {Reference}", number, parts.Count, first);
        return first;
    }

    /// <summary>The line after a +CMT header: the text in text mode, the PDU in PDU mode (TS
    /// 27.005 §3.4.1: "+CMT: [&lt;alpha&gt;],&lt;length&gt;").</summary>
    private void OnDeliveredLocked(string header, string line)
    {
        if (!_pdu)
        {
            var number = AtText.Quoted(header, 0) ?? string.Empty;
            var time = AtText.Quoted(header, 2) ?? AtText.Quoted(header, 1) ?? string.Empty;
            _events.Writer.TryWrite(new GsmEvent(GsmEventKind.SmsReceived, number, line, time));
            _log.Information("SMS received from {Number}", number);
            return;
        }

        OnPdu(line);
    }

    /// <summary>A PDU that cannot be read is still handed on, as an incomplete message holding
    /// the PDU, so that nothing the network delivered is lost.</summary>
    private void OnPdu(string pdu)
    {
        if (!SmsDeliverReader.TryRead(pdu, out var message, out var error))
        {
            _log.Warning("GSM module delivered a PDU that cannot be read ({Reason}): {Pdu}", error, pdu);
            _events.Writer.TryWrite(new GsmEvent(GsmEventKind.SmsReceived, "", "PDU " + pdu, "", Complete: false));
            return;
        }

        if (message.Part is { Count: > 1 } part)
        {
            _log.Information(
                "SMS part {Sequence} of {Count} received from {Number} (reference {Reference})",
                part.Sequence,
                part.Count,
                message.Originator,
                part.Reference);
        }

        _reassembly.Add(message);
    }

    private void OnReassembled(ReceivedSms message)
    {
        if (message.Complete)
        {
            _log.Information("SMS received from {Number}", message.Originator);
        }
        else
        {
            _log.Warning(
                "SMS from {Number} kept incomplete: a part did not come within {Timeout}",
                message.Originator,
                _reassembly.Timeout);
        }

        _events.Writer.TryWrite(new GsmEvent(
            GsmEventKind.SmsReceived,
            message.Originator,
            message.Text,
            message.ServiceCentreTime,
            message.Complete));
    }

    /// <summary>
    /// TS 27.005 §3.4.1 and §3.4.3 (text mode), §4.1 and §4.2 (PDU mode): a message the module
    /// stored instead of delivering (+CMTI) is read with AT+CMGR and deleted with AT+CMGD, so the
    /// SIM's memory never fills.
    /// </summary>
    private async Task ReadStoredSmsAsync(int index)
    {
        try
        {
            var read = string.Create(CultureInfo.InvariantCulture, $"AT+CMGR={index}");
            var lines = await CommandAsync(read, _stop.Token, "+CMGR:").ConfigureAwait(false);
            var header = lines.FirstOrDefault(l => l.StartsWith("+CMGR:", StringComparison.Ordinal));
            if (header is null)
            {
                _log.Warning("GSM module gave no message at index {Index}", index);
                return;
            }

            var body = lines.Where(l => !ReferenceEquals(l, header)).ToList();
            await CommandAsync(string.Create(CultureInfo.InvariantCulture, $"AT+CMGD={index}"), _stop.Token)
                .ConfigureAwait(false);
            if (InPduMode)
            {
                OnPdu(body.FirstOrDefault() ?? string.Empty);
                return;
            }

            var number = AtText.Quoted(header, 1) ?? string.Empty;
            var time = Enumerable.Range(2, 2).Select(i => AtText.Quoted(header, i))
                .LastOrDefault(q => q is not null && q.Contains('/', StringComparison.Ordinal)) ?? string.Empty;
            _events.Writer.TryWrite(new GsmEvent(GsmEventKind.SmsReceived, number, string.Join('\n', body), time));
            _log.Information("SMS received from {Number} (stored at {Index})", number, index);
        }
        catch (Exception ex) when (ex is AtCommandException or IOException or OperationCanceledException
            or ObjectDisposedException)
        {
            _log.Warning(ex, "GSM module's stored message {Index} could not be read", index);
        }
    }
}
