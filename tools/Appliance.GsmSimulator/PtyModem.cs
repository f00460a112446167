using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Appliance.Drivers.Gsm;

namespace Appliance.GsmSimulator;

/// <summary>
/// A GSM module on the far side of a pseudo-terminal pair (/dev/ptmx): the service opens
/// <see cref="DevicePath"/> as a serial port, and this class answers its AT commands the way a
/// Quectel EC2x or SIMCom SIM7600 does, quirks included: echo on until ATE0, a SIM that wants its
/// PIN, a slow AT+COPS?, a +CREG URC in the middle of the AT+CSQ response, the SMS prompt without a
/// line ending, SMS in text or PDU mode. The network is played with <see cref="Ring"/>,
/// <see cref="DeliverSms"/>, <see cref="FarHangup"/>, <see cref="SetNetwork"/>,
/// <see cref="SetSignal"/> and <see cref="GoDeaf"/>, from any thread; every command received and
/// every message sent is kept for tests and reported on <see cref="Activity"/> for a console.
/// </summary>
public sealed class PtyModem : IDisposable
{
    /// <summary>The PIN of the simulated SIM unless the settings say otherwise.</summary>
    public const string Pin = "1234";

    private const char CtrlZ = '\u001A';

    // The service centre's time stamps on delivered and stored messages, as text mode prints them:
    // 26/12/03,20:15:00+32 and 26/12/03,21:40:00+32.
    private static readonly DateTimeOffset s_deliveredAt = new(2026, 12, 3, 20, 15, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset s_storedAt = new(2026, 12, 3, 21, 40, 0, TimeSpan.FromHours(8));

    private readonly PtyPair _pty;
    private readonly SimulatedModuleSettings _settings;
    private readonly Thread _thread;
    private readonly StringBuilder _line = new();
    private readonly object _gate = new();
    private readonly SubmittedParts _parts = new();
    private volatile bool _stop;
    private bool _echo = true;
    private bool _simLocked;
    private bool _ringing;
    private bool _inCall;
    private bool _pdu;
    private bool _deaf;
    private int _refuseSms;
    private int _rssi = 20;
    private int _nextReference = 17;
    private int _nextConcatenation = 1;
    private GsmRegistration _registration = GsmRegistration.Home;
    private (string From, string Text)? _stored;
    private string? _smsTo;

    private PtyModem(PtyPair pty, SimulatedModuleSettings settings)
    {
        _pty = pty;
        _settings = settings;
        _simLocked = settings.Pin is not null;
        _thread = new Thread(Run) { IsBackground = true, Name = "pty modem" };
        _thread.Start();
    }

    /// <summary>What the module did, one line each (a command received, a message sent, a call
    /// dialled); raised on the module's own thread, so a handler must not block.</summary>
    public event Action<string>? Activity;

    /// <summary>The slave side of the pty, to give the service as <c>Pstn:Gsm:N:Port</c>.</summary>
    public string DevicePath => _pty.DevicePath;

    /// <summary>Every command line the modem received, in order.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Messages the service sent, number and whole text: in PDU mode the parts of a
    /// concatenated message are put together before it shows here.</summary>
    public ConcurrentQueue<(string Number, string Text)> SentSms { get; } = new();

    /// <summary>How many AT+CMGS the module accepted (parts of long messages count one each).</summary>
    public int SentParts => _parts.Accepted;

    /// <summary>Whether the service put the module into PDU mode (AT+CMGF=0).</summary>
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

    public static PtyModem Open(SimulatedModuleSettings? settings = null) =>
        new(PtyPair.Open(), settings ?? new SimulatedModuleSettings());

    /// <summary>A call rings, with its caller's number (TS 27.007 §7.18 +CLIP).</summary>
    public void Ring(string number)
    {
        lock (_gate)
        {
            _ringing = true;
            SendLocked($"\r\nRING\r\n\r\n+CLIP: \"{number}\",{AddressType(number)},\"\",0,\"\",0\r\n");
        }
    }

    /// <summary>
    /// A text message arrives, delivered straight as +CMT (TS 27.005 §3.4.1): in text mode its
    /// header and text; in PDU mode one SMS-DELIVER a part, GSM 7-bit when the text fits the
    /// alphabet, otherwise UCS-2, in concatenated parts when it is long.
    /// </summary>
    /// <param name="from">The sender, digits with an optional leading +, or a name.</param>
    /// <param name="text">The message.</param>
    /// <param name="dropPart">In PDU mode, a part (from 1) the network loses; 0 loses none.</param>
    public void DeliverSms(string from, string text, int dropPart = 0)
    {
        lock (_gate)
        {
            if (!_pdu)
            {
                SendLocked($"\r\n+CMT: \"{from}\",\"\",\"26/12/03,20:15:00+32\"\r\n{text}\r\n");
                return;
            }

            var parts = SimulatedPdu.Deliver(from, text, s_deliveredAt, _nextConcatenation++ & 0xFFFF);
            for (var i = 0; i < parts.Count; i++)
            {
                if (i + 1 != dropPart)
                {
                    SendLocked(string.Create(
                        CultureInfo.InvariantCulture,
                        $"\r\n+CMT: ,{parts[i].TpduLength}\r\n{parts[i].Hex}\r\n"));
                }
            }
        }
    }

    /// <summary>A text message the module keeps in its SIM at index 3 and announces with +CMTI
    /// (TS 27.005 §3.4.1), to be read with AT+CMGR=3 and deleted with AT+CMGD=3.</summary>
    public void StoreSms(string from, string text)
    {
        lock (_gate)
        {
            _stored = (from, text);
            SendLocked("\r\n+CMTI: \"SM\",3\r\n");
        }
    }

    /// <summary>The network clears the call (the far party hung up, or it rang out).</summary>
    public void FarHangup()
    {
        lock (_gate)
        {
            _ringing = _inCall = false;
            SendLocked(_settings.Style == GsmModuleStyle.Simcom
                ? "\r\nVOICE CALL: END\r\n"
                : "\r\nNO CARRIER\r\n");
        }
    }

    /// <summary>The far end answers the call the module dialled: SIMCom reports VOICE CALL:
    /// BEGIN, Quectel the connected line (+COLP, TS 27.007 §7.8).</summary>
    public void FarAnswer()
    {
        lock (_gate)
        {
            _inCall = true;
            SendLocked(_settings.Style == GsmModuleStyle.Simcom
                ? "\r\nVOICE CALL: BEGIN\r\n"
                : "\r\n+COLP: \"\",129,\"\",0,\"\"\r\n");
        }
    }

    /// <summary>The number the module dialled is busy.</summary>
    public void FarBusy()
    {
        lock (_gate)
        {
            _inCall = false;
            SendLocked("\r\nBUSY\r\n");
        }
    }

    /// <summary>The next <paramref name="count"/> messages sent are refused after their text with
    /// +CMS ERROR: 332 (TS 27.005 §3.2.5: network timeout), as when the network is congested.</summary>
    public void RefuseSms(int count)
    {
        lock (_gate)
        {
            _refuseSms = count;
        }
    }

    /// <summary>The module stops answering anything but AT+CFUN=1,1.</summary>
    public void GoDeaf()
    {
        lock (_gate)
        {
            _deaf = true;
        }
    }

    /// <summary>The network is lost (searching), or the module registers at home or roaming; the
    /// change is announced with a +CREG URC, as a module with AT+CREG=1 does, and a lost network
    /// ends a call in progress.</summary>
    public void SetNetwork(GsmRegistration registration)
    {
        lock (_gate)
        {
            _registration = registration;
            SendLocked(string.Create(CultureInfo.InvariantCulture, $"\r\n+CREG: {(int)registration}\r\n"));
            if ((_inCall || _ringing) && registration is not (GsmRegistration.Home or GsmRegistration.Roaming))
            {
                _inCall = _ringing = false;
                SendLocked("\r\nNO CARRIER\r\n");
            }
        }
    }

    /// <summary>The signal AT+CSQ reports, 0 (-113 dBm) to 31 (-51 dBm), or 99 for unknown
    /// (TS 27.007 §8.5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 to 31 or 99.</exception>
    public void SetSignal(int rssi)
    {
        if (rssi is not ((>= 0 and <= 31) or 99))
        {
            throw new ArgumentOutOfRangeException(nameof(rssi), rssi, "The signal is 0 to 31, or 99 for unknown.");
        }

        lock (_gate)
        {
            _rssi = rssi;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _pty.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[256];
        while (!_stop)
        {
            var read = _pty.Read(buffer, timeoutMs: 100);
            for (var i = 0; i < read; i++)
            {
                OnChar((char)buffer[i]);
            }
        }
    }

    private void OnChar(char c)
    {
        string command;
        lock (_gate)
        {
            if (_smsTo is not null)
            {
                OnMessageCharLocked(c);
                return;
            }

            if (c != '\r')
            {
                if (c != '\n')
                {
                    _line.Append(c);
                }

                return;
            }

            command = _line.ToString().Trim();
            _line.Clear();
            if (command.Length == 0)
            {
                return;
            }

            Commands.Enqueue(command);
            if (_echo)
            {
                SendLocked(command + "\r");
            }
        }

        Activity?.Invoke("<- " + command);

        // A slow answer keeps the lock free, so the network can ring or deliver meanwhile.
        if (command == "AT+COPS?" && !_deaf)
        {
            Thread.Sleep(_settings.SlowAnswer);
        }

        lock (_gate)
        {
            AnswerLocked(command);
        }
    }

    private void OnMessageCharLocked(char c)
    {
        if (c != CtrlZ)
        {
            _line.Append(c);
            return;
        }

        var to = _smsTo!;
        var body = _line.ToString();
        _smsTo = null;
        _line.Clear();
        if (_refuseSms > 0)
        {
            _refuseSms--;
            SendLocked("\r\n+CMS ERROR: 332\r\n");
            Activity?.Invoke("refused a message to the network (+CMS ERROR: 332)");
            return;
        }

        (string Number, string Text)? message = (to, body);
        if (_pdu && !_parts.TryAccept(body.Trim(), out message))
        {
            SendLocked("\r\n+CMS ERROR: 304\r\n");
            Activity?.Invoke("refused a PDU it could not read (+CMS ERROR: 304)");
            return;
        }

        if (message is { } whole)
        {
            SentSms.Enqueue(whole);
            Activity?.Invoke($"sent SMS to {whole.Number}: {whole.Text}");
        }

        var reference = _nextReference++ & 0xFF;
        SendLocked(string.Create(CultureInfo.InvariantCulture, $"\r\n+CMGS: {reference}\r\n\r\nOK\r\n"));
    }

    private void AnswerLocked(string command)
    {
        if (command == "AT+CFUN=1,1")
        {
            ResetLocked();
            return;
        }

        if (_deaf)
        {
            return;
        }

        if (!AnswerCallCommandLocked(command) && !AnswerSmsCommandLocked(command))
        {
            AnswerSetupCommandLocked(command);
        }
    }

    private void AnswerSetupCommandLocked(string command)
    {
        switch (command)
        {
            case "ATE0":
                _echo = false;
                OkLocked();
                break;
            case "AT+CPIN?":
                SendLocked(_simLocked ? "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n" : "\r\n+CPIN: READY\r\n\r\nOK\r\n");
                break;
            case var pin when _settings.Pin is not null && pin == $"AT+CPIN=\"{_settings.Pin}\"":
                _simLocked = false;
                OkLocked();
                break;
            case "AT+CGSN":
                SendLocked($"\r\n{_settings.Imei}\r\n\r\nOK\r\n");
                break;
            case "AT+CREG?":
                SendLocked(string.Create(
                    CultureInfo.InvariantCulture, $"\r\n+CREG: 0,{(int)_registration}\r\n\r\nOK\r\n"));
                break;
            case "AT+CSQ":
                // An unsolicited code between a response and its OK, as modules do.
                SendLocked(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\r\n+CSQ: {_rssi},99\r\n\r\n+CREG: {(int)_registration}\r\n\r\nOK\r\n"));
                break;
            case "AT+COPS?":
                SendLocked(_registration is GsmRegistration.Home or GsmRegistration.Roaming
                    ? $"\r\n+COPS: 0,0,\"{_settings.Operator}\",7\r\n\r\nOK\r\n"
                    : "\r\n+COPS: 0\r\n\r\nOK\r\n");
                break;
            case "AT+QPCMV=1,0" or "AT+QPCMV=0" when _settings.Style == GsmModuleStyle.Quectel:
            case "AT+CPCMREG=1" or "AT+CPCMREG=0" when _settings.Style == GsmModuleStyle.Simcom:
            case "AT" or "AT+CMEE=2" or "AT+CLIP=1" or "AT+CSCS=\"GSM\"" or "AT+CNMI=2,2,0,0,0" or "AT+COPS=3,0":
                OkLocked();
                break;
            default:
                SendLocked("\r\nERROR\r\n");
                break;
        }
    }

    private bool AnswerCallCommandLocked(string command)
    {
        switch (command)
        {
            case "ATA":
                SendLocked(_ringing ? "\r\nOK\r\n" : "\r\nNO CARRIER\r\n");
                _inCall = _ringing;
                _ringing = false;
                return true;
            case "AT+CHUP" or "ATH":
                _ringing = _inCall = false;
                OkLocked();
                return true;
            case var dial when dial.StartsWith("ATD", StringComparison.Ordinal) && dial.EndsWith(';'):
                OkLocked();
                Activity?.Invoke($"dialling {dial[3..^1]}");
                return true;
            case var vts when vts.StartsWith("AT+VTS=", StringComparison.Ordinal):
                OkLocked();
                return true;
            default:
                return false;
        }
    }

    private bool AnswerSmsCommandLocked(string command)
    {
        switch (command)
        {
            case "AT+CMGF=?":
                SendLocked(_settings.PduMode ? "\r\n+CMGF: (0,1)\r\n\r\nOK\r\n" : "\r\n+CMGF: (1)\r\n\r\nOK\r\n");
                return true;
            case "AT+CMGF=0" when _settings.PduMode:
                _pdu = true;
                OkLocked();
                return true;
            case "AT+CMGF=1":
                _pdu = false;
                OkLocked();
                return true;
            case "AT+CMGR=3" when _stored is { } stored && _pdu:
                var part = SimulatedPdu.Deliver(stored.From, stored.Text, s_storedAt, 0)[0];
                SendLocked(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\r\n+CMGR: 0,,{part.TpduLength}\r\n{part.Hex}\r\n\r\nOK\r\n"));
                return true;
            case "AT+CMGR=3" when _stored is { } stored:
                SendLocked($"\r\n+CMGR: \"REC UNREAD\",\"{stored.From}\",,\"26/12/03,21:40:00+32\"\r\n"
                    + $"{stored.Text}\r\n\r\nOK\r\n");
                return true;
            case "AT+CMGD=3":
                _stored = null;
                OkLocked();
                return true;
            case var cmgs when !_pdu && cmgs.StartsWith("AT+CMGS=\"", StringComparison.Ordinal):
                _smsTo = cmgs["AT+CMGS=\"".Length..^1];
                SendLocked("\r\n> ");
                return true;
            case var cmgs when _pdu && cmgs.StartsWith("AT+CMGS=", StringComparison.Ordinal)
                && int.TryParse(cmgs["AT+CMGS=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _):
                _smsTo = string.Empty;
                SendLocked("\r\n> ");
                return true;
            default:
                return false;
        }
    }

    private void ResetLocked()
    {
        OkLocked();
        _deaf = false;
        _echo = true;
        _simLocked = _settings.Pin is not null;
        _ringing = _inCall = _pdu = false;
        Activity?.Invoke("reset (AT+CFUN=1,1)");
        SendLocked("\r\nRDY\r\n");
    }

    private void OkLocked() => SendLocked("\r\nOK\r\n");

    // A service that closed the port (or never opened it) reads nothing; the write gives up
    // rather than hang the module's thread, as a serial line drops what nobody reads.
    private void SendLocked(string text) => _pty.Write(Encoding.ASCII.GetBytes(text), timeoutMs: 2000);

    private static int AddressType(string number) => number.StartsWith('+') ? 145 : 129;
}
