using System.Collections.Concurrent;
using System.Text;

namespace Appliance.Drivers.Tests.Support;

/// <summary>
/// A GSM module on the far side of a pseudo-terminal pair (/dev/ptmx): the modem under test opens
/// <see cref="DevicePath"/> as a serial port, and this class answers its AT commands the way a
/// Quectel or SIMCom module does, quirks included: echo on until ATE0, a SIM that wants PIN 1234,
/// a slow AT+COPS?, a +CREG URC in the middle of the AT+CSQ response, the SMS prompt without a line
/// ending. Tests play the network with <see cref="Ring"/>, <see cref="DeliverSms"/>,
/// <see cref="FarHangup"/> and <see cref="GoDeaf"/>.
/// </summary>
internal sealed class PtyModem : IDisposable
{
    public const string Pin = "1234";

    private readonly PtyPair _pty;
    private readonly Thread _thread;
    private readonly StringBuilder _line = new();
    private readonly object _writeLock = new();
    private volatile bool _stop;
    private bool _echo = true;
    private bool _simLocked = true;
    private bool _ringing;
    private volatile bool _deaf;
    private volatile int _refuseSms;
    private (string From, string Text)? _stored;
    private string? _smsTo;

    private PtyModem(PtyPair pty)
    {
        _pty = pty;
        _thread = new Thread(Run) { IsBackground = true, Name = "pty modem" };
        _thread.Start();
    }

    public string DevicePath => _pty.DevicePath;

    /// <summary>Every command line the modem received, in order.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Messages the modem under test sent: number and text.</summary>
    public ConcurrentQueue<(string Number, string Text)> SentSms { get; } = new();

    public static PtyModem Open() => new(PtyPair.Open());

    /// <summary>A call rings, with its caller's number (TS 27.007 §7.18 +CLIP).</summary>
    public void Ring(string number)
    {
        _ringing = true;
        Send($"\r\nRING\r\n\r\n+CLIP: \"{number}\",129,\"\",0,\"\",0\r\n");
    }

    /// <summary>A text message arrives, delivered as +CMT (TS 27.005 §3.4.1, text mode).</summary>
    public void DeliverSms(string from, string text) =>
        Send($"\r\n+CMT: \"{from}\",\"\",\"26/12/03,20:15:00+32\"\r\n{text}\r\n");

    /// <summary>A text message the module keeps in its SIM at index 3 and announces with +CMTI
    /// (TS 27.005 §3.4.1), to be read with AT+CMGR=3 and deleted with AT+CMGD=3.</summary>
    public void StoreSms(string from, string text)
    {
        _stored = (from, text);
        Send("\r\n+CMTI: \"SM\",3\r\n");
    }

    public void FarHangup()
    {
        _ringing = false;
        Send("\r\nNO CARRIER\r\n");
    }

    /// <summary>The far end answers the call the modem dialled (SIMCom's report).</summary>
    public void FarAnswer() => Send("\r\nVOICE CALL: BEGIN\r\n");

    /// <summary>The next <paramref name="count"/> messages sent are refused after their text with
    /// +CMS ERROR: 332 (TS 27.005 §3.2.5: network timeout), as when the network is congested.</summary>
    public void RefuseSms(int count) => _refuseSms = count;

    /// <summary>The module stops answering anything but AT+CFUN=1,1.</summary>
    public void GoDeaf() => _deaf = true;

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
        if (_smsTo is { } to)
        {
            if (c == '\u001A' && _refuseSms > 0)
            {
                _refuseSms--;
                _smsTo = null;
                _line.Clear();
                Send("\r\n+CMS ERROR: 332\r\n");
            }
            else if (c == '\u001A')
            {
                SentSms.Enqueue((to, _line.ToString()));
                _smsTo = null;
                _line.Clear();
                Send("\r\n+CMGS: 17\r\n\r\nOK\r\n");
            }
            else
            {
                _line.Append(c);
            }

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

        var command = _line.ToString().Trim();
        _line.Clear();
        if (command.Length == 0)
        {
            return;
        }

        Commands.Enqueue(command);
        if (_echo)
        {
            Send(command + "\r");
        }

        Answer(command);
    }

    private void Answer(string command)
    {
        if (command == "AT+CFUN=1,1")
        {
            Reset();
            return;
        }

        if (_deaf)
        {
            return;
        }

        switch (command)
        {
            case "ATE0":
                _echo = false;
                Ok();
                break;
            case "AT+CPIN?":
                Send(_simLocked ? "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n" : "\r\n+CPIN: READY\r\n\r\nOK\r\n");
                break;
            case "AT+CPIN=\"" + Pin + "\"":
                _simLocked = false;
                Ok();
                break;
            case "AT+CGSN":
                Send("\r\n867698040123456\r\n\r\nOK\r\n");
                break;
            case "AT+CREG?":
                Send("\r\n+CREG: 0,1\r\n\r\nOK\r\n");
                break;
            case "AT+CSQ":
                // An unsolicited code between a response and its OK, as modules do.
                Send("\r\n+CSQ: 20,99\r\n\r\n+CREG: 1\r\n\r\nOK\r\n");
                break;
            case "AT+COPS?":
                Thread.Sleep(400);
                Send("\r\n+COPS: 0,0,\"CHINA MOBILE\",7\r\n\r\nOK\r\n");
                break;
            case "ATA":
                Send(_ringing ? "\r\nOK\r\n" : "\r\nNO CARRIER\r\n");
                _ringing = false;
                break;
            case "AT+CMGR=3" when _stored is { } stored:
                Send($"\r\n+CMGR: \"REC UNREAD\",\"{stored.From}\",,\"26/12/03,21:40:00+32\"\r\n{stored.Text}\r\n"
                    + "\r\nOK\r\n");
                break;
            case "AT+CMGD=3":
                _stored = null;
                Ok();
                break;
            case "AT+CHUP":
                _ringing = false;
                Ok();
                break;
            case var cmgs when cmgs.StartsWith("AT+CMGS=\"", StringComparison.Ordinal):
                _smsTo = cmgs["AT+CMGS=\"".Length..^1];
                Send("\r\n> ");
                break;
            case "AT+QPCMV=1,0" or "AT+QPCMV=0":
            case var dial when dial.StartsWith("ATD", StringComparison.Ordinal) && dial.EndsWith(';'):
            case var vts when vts.StartsWith("AT+VTS=", StringComparison.Ordinal):
            case "AT" or "AT+CMEE=2" or "AT+CLIP=1" or "AT+CMGF=1" or "AT+CSCS=\"GSM\"" or "AT+CNMI=2,2,0,0,0"
                or "AT+COPS=3,0":
                Ok();
                break;
            default:
                Send("\r\nERROR\r\n");
                break;
        }
    }

    private void Reset()
    {
        Ok();
        _deaf = false;
        _echo = true;
        _simLocked = true;
        _ringing = false;
        Send("\r\nRDY\r\n");
    }

    private void Ok() => Send("\r\nOK\r\n");

    private void Send(string text)
    {
        lock (_writeLock)
        {
            _pty.Write(Encoding.ASCII.GetBytes(text), timeoutMs: 2000);
        }
    }
}
