using System.Globalization;
using System.IO.Ports;
using System.Text;
using System.Threading.Channels;
using Appliance.Drivers.Gsm.Pdu;
using Serilog;

namespace Appliance.Drivers.Gsm;

/// <summary>
/// A GSM/4G module (Quectel EC2x and SIMCom SIM7600 style) driven by AT commands (3GPP TS 27.007
/// and 27.005) over a serial port. One command runs at a time; unsolicited result codes (RING,
/// +CLIP, +CMT, NO CARRIER...) are recognised wherever they fall, also in the middle of a
/// command's response, and come out on <see cref="Events"/>. Echo is tolerated whether or not
/// ATE0 took. When <see cref="AtModemOptions.MissedAnswersBeforeReset"/> commands in a row go
/// unanswered the module is reset with AT+CFUN=1,1 and started again. Every method may be
/// called from any thread.
/// </summary>
public sealed partial class AtModem : IAsyncDisposable
{
    private const char CtrlZ = '\u001A';

    private static readonly string[] s_urcPrefixes =
        ["RING", "+CRING:", "+CLIP:", "+CMT:", "+CMTI:", "+CREG:", "+CGREG:", "+CEREG:", "RDY", "+CPIN:",
         "VOICE CALL:", "+COLP:", "MISSED_CALL:", "+QIND:", "NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE"];

    private static readonly string[] s_callEnds = ["NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE"];

    private readonly Stream _stream;
    private readonly IDisposable? _owner;
    private readonly AtModemOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private readonly Channel<GsmEvent> _events = Channel.CreateUnbounded<GsmEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Task _reader;
    private PendingCommand? _active;
    private string? _smsHeader;
    private bool _ringing;
    private bool _announced;
    private int _missed;
    private int _resetting;

    /// <summary>Talks to a module over any byte stream (a serial port's, or a pty in tests).
    /// The stream is disposed with the modem when <paramref name="owner"/> is null.</summary>
    public AtModem(
        Stream stream,
        AtModemOptions options,
        TimeProvider time,
        ILogger log,
        IDisposable? owner = null)
    {
        _stream = stream;
        _owner = owner;
        _options = options;
        _time = time;
        _log = log.ForContext<AtModem>();
        _reassembly = new SmsReassembly(options.PartsTimeout, time, OnReassembled);
        _reader = Task.Run(() => ReadLoopAsync(_stop.Token));
    }

    /// <summary>Reports of the module in the order it sent them.</summary>
    public ChannelReader<GsmEvent> Events => _events.Reader;

    /// <summary>The module's state as read at start-up or by <see cref="ReadStatusAsync"/>.</summary>
    public GsmStatus Status { get; private set; } = new(GsmRegistration.Unknown, null, string.Empty, string.Empty);

    /// <summary>How many times the module was reset because it stopped answering.</summary>
    public int Resets { get; private set; }

    /// <summary>Opens a module's AT port (for example /dev/ttyUSB2) at 8-N-1.</summary>
    /// <exception cref="IOException">The port cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The port belongs to someone else.</exception>
    public static AtModem OpenSerial(
        string portName,
        int baudRate,
        AtModemOptions options,
        TimeProvider time,
        ILogger log)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            NewLine = "\r",
        };
        port.Open();
        return new AtModem(port.BaseStream, options, time, log, owner: port);
    }

    /// <summary>
    /// Brings the module up: AT until it answers, echo off, verbose errors, the SIM's PIN when it
    /// asks, caller number presentation, SMS in PDU mode (text mode when the module lacks it or
    /// <see cref="AtModemOptions.SmsMode"/> says so) delivered straight to us, then the status.
    /// </summary>
    /// <exception cref="AtCommandException">The module refused a step or never answered.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommandAsync("AT", cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (AtCommandException) when (attempt < 5)
            {
                // A module that is still booting says nothing; RDY comes when it is ready.
            }
        }

        await CommandAsync("ATE0", cancellationToken).ConfigureAwait(false);
        await CommandAsync("AT+CMEE=2", cancellationToken).ConfigureAwait(false);
        await UnlockSimAsync(cancellationToken).ConfigureAwait(false);

        // TS 27.007 §7.18 and TS 27.005 §3.4.1: number of the caller with each RING; new messages
        // as +CMT with their text, so nothing waits in the SIM's memory.
        await CommandAsync("AT+CLIP=1", cancellationToken).ConfigureAwait(false);
        await ChooseSmsModeAsync(cancellationToken).ConfigureAwait(false);
        await CommandAsync("AT+CNMI=2,2,0,0,0", cancellationToken).ConfigureAwait(false);
        var imei = (await CommandAsync("AT+CGSN", cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(l => l.Length > 0 && char.IsAsciiDigit(l[0])) ?? string.Empty;
        Status = Status with { Imei = imei };
        await ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        _log.Information(
            "GSM module {Imei} started: {Registration} on {Operator}, signal {SignalDbm} dBm",
            Status.Imei,
            Status.Registration,
            Status.Operator,
            Status.SignalDbm);
    }

    /// <summary>Reads registration (+CREG), signal (+CSQ) and operator (+COPS) again.</summary>
    public async Task<GsmStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var creg = await CommandAsync("AT+CREG?", cancellationToken, "+CREG:").ConfigureAwait(false);
        var csq = await CommandAsync("AT+CSQ", cancellationToken, "+CSQ:").ConfigureAwait(false);
        await CommandAsync("AT+COPS=3,0", cancellationToken).ConfigureAwait(false);
        var cops = await CommandAsync("AT+COPS?", cancellationToken, "+COPS:").ConfigureAwait(false);
        Status = Status with
        {
            Registration = AtText.Registration(First(creg)),
            SignalDbm = AtText.SignalDbm(First(csq)),
            Operator = AtText.Quoted(First(cops), 0) ?? string.Empty,
        };
        return Status;
    }

    /// <summary>Answers the ringing call (ATA).</summary>
    public Task AnswerAsync(CancellationToken cancellationToken) => CallCommandAsync("ATA", cancellationToken);

    /// <summary>Places a voice call (ATD with the trailing semicolon of TS 27.007 §6.3).</summary>
    /// <exception cref="ArgumentException">The number holds something other than dial characters.</exception>
    public Task DialAsync(string number, CancellationToken cancellationToken)
    {
        AtText.CheckDialString(number, nameof(number));
        return CallCommandAsync($"ATD{number};", cancellationToken);
    }

    /// <summary>Ends the call, ringing or connected (AT+CHUP, TS 27.007 §6.5).</summary>
    public async Task HangupAsync(CancellationToken cancellationToken)
    {
        await CommandAsync("AT+CHUP", cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _ringing = _announced = false;
        }
    }

    /// <summary>Sends one DTMF key into the connected call (AT+VTS, TS 27.007 §C.2.11).</summary>
    public Task SendDtmfAsync(char key, CancellationToken cancellationToken)
    {
        if (!"0123456789*#ABCD".Contains(char.ToUpperInvariant(key), StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a DTMF key.", nameof(key));
        }

        return CommandAsync($"AT+VTS={char.ToUpperInvariant(key)}", cancellationToken);
    }

    /// <summary>
    /// Routes the call's voice to the module's serial PCM port, or back to its own codec; open a
    /// <see cref="GsmVoiceChannel"/> on that port to carry it.
    /// </summary>
    public Task RouteVoiceToSerialAsync(GsmModuleStyle style, bool on, CancellationToken cancellationToken) =>
        CommandAsync(
            (style, on) switch
            {
                (GsmModuleStyle.Quectel, true) => "AT+QPCMV=1,0",
                (GsmModuleStyle.Quectel, false) => "AT+QPCMV=0",
                (_, true) => "AT+CPCMREG=1",
                _ => "AT+CPCMREG=0",
            },
            cancellationToken);

    /// <summary>
    /// Sends one command and waits for its final result code; returns the response lines (those
    /// starting with <paramref name="responsePrefix"/> when given, otherwise all others).
    /// </summary>
    /// <param name="command">The command without its line ending.</param>
    /// <param name="cancellationToken">Gives up waiting; the command still counts as sent.</param>
    /// <param name="responsePrefix">The prefix of the command's own response lines (for example
    /// "+CSQ:"), so that an unsolicited code of the same family is not taken for them.</param>
    /// <param name="afterPrompt">Sent after the module's "&gt; " prompt, as AT+CMGS needs.</param>
    /// <exception cref="AtCommandException">ERROR, +CME ERROR, +CMS ERROR, or no answer.</exception>
    public async Task<IReadOnlyList<string>> CommandAsync(
        string command,
        CancellationToken cancellationToken,
        string? responsePrefix = null,
        string? afterPrompt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        await _commandLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunLockedAsync(command, responsePrefix, afterPrompt, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _commandLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_owner is not null)
        {
            _owner.Dispose();
        }
        else
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The port went away under the reader, as it should on close.
        }

        _events.Writer.TryComplete();
        _reassembly.Dispose();
        _stop.Dispose();
        _commandLock.Dispose();
    }

    private async Task UnlockSimAsync(CancellationToken cancellationToken)
    {
        var state = AtText.After(
            First(await CommandAsync("AT+CPIN?", cancellationToken, "+CPIN:").ConfigureAwait(false)));
        if (state == "READY")
        {
            return;
        }

        if (state != "SIM PIN" || _options.Pin is null)
        {
            throw new AtCommandException("AT+CPIN?", state.Length == 0 ? "nothing" : state);
        }

        await CommandAsync($"AT+CPIN=\"{_options.Pin}\"", cancellationToken).ConfigureAwait(false);
        _log.Information("GSM module's SIM unlocked with its PIN");
    }

    private async Task CallCommandAsync(string command, CancellationToken cancellationToken)
    {
        await CommandAsync(command, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _ringing = _announced = false;
        }
    }

    private async Task<IReadOnlyList<string>> RunLockedAsync(
        string command,
        string? responsePrefix,
        string? afterPrompt,
        CancellationToken cancellationToken)
    {
        var pending = new PendingCommand(command, responsePrefix);
        lock (_gate)
        {
            _active = pending;
        }

        using var timeout = new CancellationTokenSource(_options.CommandTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await WriteAsync(command + "\r", linked.Token).ConfigureAwait(false);
            if (afterPrompt is not null)
            {
                await pending.Prompt.Task.WaitAsync(linked.Token).ConfigureAwait(false);
                await WriteAsync(afterPrompt, linked.Token).ConfigureAwait(false);
            }

            var (result, lines) = await pending.Done.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            _missed = 0;
            if (result != "OK")
            {
                throw new AtCommandException(command, result);
            }

            return lines;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            Missed(command);
            throw new AtCommandException(command, "timeout");
        }
        finally
        {
            lock (_gate)
            {
                _active = null;
            }
        }
    }

    private void Missed(string command)
    {
        _missed++;
        _log.Warning("GSM module did not answer {Command} ({Missed} in a row)", command, _missed);
        if (_missed >= _options.MissedAnswersBeforeReset && Interlocked.Exchange(ref _resetting, 1) == 0)
        {
            _ = Task.Run(ResetAsync);
        }
    }

    /// <summary>TS 27.007 §8.2: AT+CFUN=1,1 restarts the module; it is then started as at boot.</summary>
    private async Task ResetAsync()
    {
        try
        {
            _log.Warning("GSM module stopped answering; resetting it with AT+CFUN=1,1");
            await WriteAsync("AT+CFUN=1,1\r", _stop.Token).ConfigureAwait(false);
            await Task.Delay(_options.ResetSettleTime, _time, _stop.Token).ConfigureAwait(false);
            _missed = 0;
            await StartAsync(_stop.Token).ConfigureAwait(false);
            Resets++;
            lock (_gate)
            {
                _ringing = _announced = false;
            }

            _events.Writer.TryWrite(new GsmEvent(GsmEventKind.ModuleReset));
        }
        catch (Exception ex) when (ex is AtCommandException or IOException or OperationCanceledException
            or ObjectDisposedException)
        {
            _log.Error(ex, "GSM module did not come back after a reset");
        }
        finally
        {
            Interlocked.Exchange(ref _resetting, 0);
        }
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        _log.Verbose("GSM module <- {Text}", text);
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        var line = new StringBuilder();
        while (!cancellationToken.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            for (var i = 0; i < read; i++)
            {
                var c = (char)buffer[i];
                if (c == '\n' || c == '\r')
                {
                    OnLine(line.ToString());
                    line.Clear();
                    continue;
                }

                line.Append(c);

                // TS 27.005 §3.5.1: the prompt for the message text has no line ending.
                if (line.Length == 2 && line[0] == '>' && line[1] == ' ')
                {
                    lock (_gate)
                    {
                        _active?.Prompt.TrySetResult();
                    }

                    line.Clear();
                }
            }
        }
    }

    private void OnLine(string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        _log.Verbose("GSM module -> {Line}", line);
        lock (_gate)
        {
            if (_smsHeader is { } header)
            {
                _smsHeader = null;
                OnDeliveredLocked(header, line);
                return;
            }

            var active = _active;
            if (active is not null && OnCommandLineLocked(active, line))
            {
                return;
            }

            if (s_urcPrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
            {
                OnUnsolicitedLocked(line);
                return;
            }

            if (active is not null)
            {
                active.Lines.Add(line);
                return;
            }

            _log.Debug("GSM module said {Line} unasked", line);
        }
    }

    /// <summary>True when the line belonged to the running command.</summary>
    private bool OnCommandLineLocked(PendingCommand active, string line)
    {
        if (line == active.Command)
        {
            return true;
        }

        var callCommand = active.Command.StartsWith("ATD", StringComparison.Ordinal) || active.Command == "ATA";
        var final = line == "OK" || line == "ERROR"
            || line.StartsWith("+CME ERROR:", StringComparison.Ordinal)
            || line.StartsWith("+CMS ERROR:", StringComparison.Ordinal)
            || (callCommand && s_callEnds.Contains(line));
        if (final)
        {
            if (callCommand && s_callEnds.Contains(line))
            {
                _events.Writer.TryWrite(new GsmEvent(GsmEventKind.CallEnded, Text: line));
            }

            active.Done.TrySetResult((line, active.Lines));
            return true;
        }

        if (active.ResponsePrefix is { } prefix && line.StartsWith(prefix, StringComparison.Ordinal))
        {
            active.Lines.Add(line);
            return true;
        }

        return false;
    }

    private void OnUnsolicitedLocked(string line)
    {
        if (line == "RING" || line.StartsWith("+CRING:", StringComparison.Ordinal))
        {
            // The second RING without a +CLIP means the network sends no number.
            if (_ringing && !_announced)
            {
                Announce(string.Empty);
            }

            _ringing = true;
        }
        else if (line.StartsWith("+CLIP:", StringComparison.Ordinal) && !_announced)
        {
            _ringing = true;
            Announce(AtText.Quoted(line, 0) ?? string.Empty);
        }
        else if (line.StartsWith("+CMT:", StringComparison.Ordinal))
        {
            _smsHeader = line;
        }
        else if (line.StartsWith("+CMTI:", StringComparison.Ordinal)
            && int.TryParse(AtText.After(line).Split(',')[^1], NumberStyles.Integer, CultureInfo.InvariantCulture,
                out var index))
        {
            // A command cannot run from inside the reader, which must go on to read its answer.
            _ = Task.Run(() => ReadStoredSmsAsync(index));
        }
        else if (s_callEnds.Contains(line) || line == "VOICE CALL: END"
            || line.StartsWith("MISSED_CALL:", StringComparison.Ordinal))
        {
            _ringing = _announced = false;
            _events.Writer.TryWrite(new GsmEvent(GsmEventKind.CallEnded, Text: line));
        }
        else if (line == "VOICE CALL: BEGIN" || line.StartsWith("+COLP:", StringComparison.Ordinal))
        {
            _events.Writer.TryWrite(new GsmEvent(GsmEventKind.CallAnswered));
        }
        else if (line.StartsWith("+CREG:", StringComparison.Ordinal))
        {
            Status = Status with { Registration = AtText.Registration(line) };
            _log.Information("GSM module registration is now {Registration}", Status.Registration);
        }
    }

    private void Announce(string number)
    {
        _announced = true;
        _log.Information("GSM call from {Caller}", number.Length == 0 ? "(withheld)" : number);
        _events.Writer.TryWrite(new GsmEvent(GsmEventKind.IncomingCall, number));
    }

    private static string? First(IReadOnlyList<string> lines) => lines.Count > 0 ? lines[0] : null;

    private sealed class PendingCommand(string command, string? responsePrefix)
    {
        public string Command { get; } = command;

        public string? ResponsePrefix { get; } = responsePrefix;

        public List<string> Lines { get; } = [];

        public TaskCompletionSource Prompt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<(string Result, List<string> Lines)> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
