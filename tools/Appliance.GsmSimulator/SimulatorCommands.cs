using System.Globalization;
using Appliance.Drivers.Gsm;

namespace Appliance.GsmSimulator;

/// <summary>
/// The technician's commands, one a line, as typed on stdin or sent to the control socket; each
/// gets one reply line, <c>ok ...</c> or <c>error ...</c>. Bad input is answered, never thrown.
/// Safe from several threads (the console and socket clients).
/// </summary>
public sealed class SimulatorCommands
{
    /// <summary>The reply to <c>help</c>, and the commands' summary in the program's --help.</summary>
    public const string Help =
        "ring <number> | sms <number> <text> | hangup | answer | busy | network lost|home|roaming"
        + " | signal <0-31|99> | hang | refuse-sms <count> | quiet | verbose | help";

    private readonly PtyModem _modem;
    private volatile bool _quiet;

    public SimulatorCommands(PtyModem modem)
    {
        _modem = modem;
    }

    /// <summary>Whether the module's activity is kept off the console (<c>quiet</c>, undone by
    /// <c>verbose</c>).</summary>
    public bool Quiet => _quiet;

    /// <summary>Carries out one command line and returns its reply.</summary>
    public string Run(string line)
    {
        var words = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "error empty command; " + Help;
        }

        // Each command gets exactly one line back, or every later reply answers the wrong command.
        try
        {
            return OneLine(Run(words[0].ToLowerInvariant(), words[1..]));
        }
        catch (ArgumentException ex)
        {
            return "error " + OneLine(Reason(ex));
        }
    }

    /// <summary>The first line of the exception's text, without .NET's "(Parameter 'x')".</summary>
    private static string Reason(ArgumentException ex)
    {
        var text = ex.Message.Split('\n', 2)[0].TrimEnd('\r');
        var parameter = $" (Parameter '{ex.ParamName}')";
        return text.EndsWith(parameter, StringComparison.Ordinal) ? text[..^parameter.Length] : text;
    }

    private static string OneLine(string reply) => reply.ReplaceLineEndings(" ");

    private string Run(string verb, string[] rest)
    {
        switch (verb)
        {
            case "ring" when rest.Length == 1:
                _modem.Ring(rest[0]);
                return $"ok ringing from {rest[0]}";
            case "sms" when rest.Length == 2:
                _modem.DeliverSms(rest[0], rest[1]);
                return $"ok delivered from {rest[0]} ({(_modem.InPduMode ? "PDU" : "text")} mode)";
            case "hangup":
                _modem.FarHangup();
                return "ok the network cleared the call";
            case "answer":
                _modem.FarAnswer();
                return "ok the far end answered";
            case "busy":
                _modem.FarBusy();
                return "ok the far end is busy";
            case "network" when rest.Length == 1:
                return Network(rest[0]);
            case "signal" when rest.Length == 1:
                return Signal(rest[0]);
            case "hang":
                _modem.GoDeaf();
                return "ok the module stops answering until AT+CFUN=1,1";
            case "refuse-sms" when rest.Length == 1:
                return RefuseSms(rest[0]);
            case "quiet":
                _quiet = true;
                return "ok quiet";
            case "verbose":
                _quiet = false;
                return "ok verbose";
            case "help":
                return "ok " + Help;
            default:
                return $"error '{verb}' with {rest.Length} arguments is not a command; " + Help;
        }
    }

    /// <summary>TS 27.007 §8.5: the AT+CSQ rssi is 0 (-113 dBm) to 31 (-51 dBm), or 99 for unknown.</summary>
    private string Signal(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rssi)
            || rssi is not ((>= 0 and <= 31) or 99))
        {
            return $"error signal is 0 to 31, or 99 for unknown, not '{text}'";
        }

        _modem.SetSignal(rssi);
        return $"ok signal {rssi}";
    }

    private string RefuseSms(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return $"error refuse-sms takes a count of 0 or more, not '{text}'";
        }

        _modem.RefuseSms(count);
        return $"ok the next {count} messages are refused";
    }

    private string Network(string state)
    {
        var registration = state.ToLowerInvariant() switch
        {
            "lost" => GsmRegistration.Searching,
            "home" => GsmRegistration.Home,
            "roaming" => GsmRegistration.Roaming,
            _ => (GsmRegistration?)null,
        };
        if (registration is not { } chosen)
        {
            return $"error network is lost, home or roaming, not '{state}'";
        }

        _modem.SetNetwork(chosen);
        return $"ok network {state.ToLowerInvariant()}";
    }
}
