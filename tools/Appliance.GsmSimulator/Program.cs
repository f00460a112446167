using System.CommandLine;
using Appliance.Drivers.Gsm;

namespace Appliance.GsmSimulator;

/// <summary>
/// sparkle-gsm: a simulated GSM module on two pty pairs (AT port and PCM voice port) for a bench
/// without a SIM. It prints the devices to give the service, then takes
/// <see cref="SimulatorCommands"/> on stdin and on an optional control socket until stdin ends
/// (or, with a socket, until SIGTERM or Ctrl+C).
/// </summary>
internal static class Program
{
    private const int MaxSlowMs = 60_000;
    private const int MaxToneHz = 3_999;

    public static int Main(string[] args)
    {
        var style = new Option<GsmModuleStyle>("--style")
        {
            Description = "Whose dialect the module speaks: Quectel (AT+QPCMV) or Simcom (AT+CPCMREG).",
            DefaultValueFactory = _ => GsmModuleStyle.Quectel,
        };
        var pin = new Option<string>("--pin")
        {
            Description = "The SIM's PIN, or 'none' for a SIM that is not locked.",
            DefaultValueFactory = _ => PtyModem.Pin,
        };
        var textOnly = new Option<bool>("--text-only")
        {
            Description = "A module without SMS PDU mode: AT+CMGF=0 is refused.",
        };
        var control = new Option<string?>("--control")
        {
            Description = "A Unix socket that takes the same commands as stdin, one reply line each.",
        };
        var slow = new Option<int>("--slow-ms")
        {
            Description = "How long AT+COPS? takes to answer, in milliseconds.",
            DefaultValueFactory = _ => 400,
        };
        var tone = new Option<double>("--tone-hz")
        {
            Description = "The tone the caller plays into the voice port.",
            DefaultValueFactory = _ => 440,
        };
        pin.Validators.Add(result =>
        {
            // TS 31.102 §4.2.1 (EF_PIN): a PIN is 4 to 8 digits.
            var value = result.GetValueOrDefault<string>() ?? "";
            if (value != "none" && (value.Length is < 4 or > 8 || !value.All(char.IsAsciiDigit)))
            {
                result.AddError($"--pin is 4 to 8 digits or 'none', not '{value}'.");
            }
        });
        slow.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 0 or > MaxSlowMs)
            {
                result.AddError($"--slow-ms is 0 to {MaxSlowMs} milliseconds, not {value}.");
            }
        });
        tone.Validators.Add(result =>
        {
            // The voice port carries 8 kHz samples, so a tone must stay under half that rate.
            var value = result.GetValueOrDefault<double>();
            if (!(value is >= 1 and <= MaxToneHz))
            {
                result.AddError($"--tone-hz is 1 to {MaxToneHz} Hz, not {value}.");
            }
        });
        var root = new RootCommand(
            "A simulated Quectel EC2x / SIMCom SIM7600 module on pty pairs, for the SparkleCC service.\n"
            + "Commands (stdin or --control): " + SimulatorCommands.Help)
        {
            style, pin, textOnly, control, slow, tone,
        };
        root.SetAction((parsed, cancellationToken) =>
        {
            var chosenPin = parsed.GetValue(pin);
            var settings = new SimulatedModuleSettings
            {
                Style = parsed.GetValue(style),
                Pin = chosenPin is null || chosenPin == "none" ? null : chosenPin,
                PduMode = !parsed.GetValue(textOnly),
                SlowAnswer = TimeSpan.FromMilliseconds(parsed.GetValue(slow)),
            };
            return RunAsync(settings, parsed.GetValue(control), parsed.GetValue(tone), cancellationToken);
        });
        return root.Parse(args).Invoke();
    }

    private static async Task<int> RunAsync(
        SimulatedModuleSettings settings,
        string? controlPath,
        double toneHz,
        CancellationToken cancellationToken)
    {
        using var modem = PtyModem.Open(settings);
        using var voice = new PtyVoicePort(toneHz);
        var commands = new SimulatorCommands(modem);
        ControlSocket? socket;
        try
        {
            socket = controlPath is null ? null : ControlSocket.Listen(controlPath, commands);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"sparkle-gsm: --control {controlPath}: {ex.Message}")
                .ConfigureAwait(false);
            return 2;
        }

        await using var listening = socket;
        modem.Activity += activity =>
        {
            if (!commands.Quiet)
            {
                Console.WriteLine("module: " + activity);
            }
        };

        Console.WriteLine($"device {modem.DevicePath}");
        Console.WriteLine($"voice {voice.DevicePath}");
        Console.WriteLine(
            $"Start the service with --Pstn:Gsm:0:Port={modem.DevicePath}"
            + $" --Pstn:Gsm:0:VoicePort={voice.DevicePath}"
            + (settings.Pin is null ? "" : $" --Pstn:Gsm:0:Pin={settings.Pin}")
            + (settings.Style == GsmModuleStyle.Simcom ? " --Pstn:Gsm:0:Style=simcom" : ""));
        if (socket is not null)
        {
            Console.WriteLine($"control {socket.Path}");
        }

        // Console.In does not heed a cancellation token, so a line is awaited beside the stop.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => stopped.TrySetResult());
        while (true)
        {
            var reading = Task.Run(Console.In.ReadLine, CancellationToken.None);
            if (await Task.WhenAny(reading, stopped.Task).ConfigureAwait(false) != reading)
            {
                return 0;
            }

            var line = await reading.ConfigureAwait(false);
            if (line is null)
            {
                break;
            }

            if (line.Trim() is "quit" or "exit")
            {
                return 0;
            }

            if (line.Trim().Length > 0)
            {
                Console.WriteLine(commands.Run(line));
            }
        }

        // Without a terminal (a unit file, nohup) the control socket carries on alone until the stop.
        if (socket is not null)
        {
            await stopped.Task.ConfigureAwait(false);
        }

        return 0;
    }
}
