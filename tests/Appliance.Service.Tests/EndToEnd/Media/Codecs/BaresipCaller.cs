using System.Diagnostics;
using System.Globalization;
using System.Text;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media.Codecs;

/// <summary>
/// baresip (Debian baresip-core) as a caller with one audio codec module loaded, so it offers
/// only that codec: it dials a number on the service, sends a sine from a WAV file at the codec's
/// own rate (its aufile module; ausine runs at 48 kHz only) for as long as it runs, and quits
/// after <c>-t</c> seconds, hanging up.
/// </summary>
internal sealed class BaresipCaller : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;
    private readonly int _consolePort;

    private BaresipCaller(Process process, string directory, int consolePort)
    {
        _process = process;
        _directory = directory;
        _consolePort = consolePort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="codecModule">The baresip module of the one codec offered: g722 or opus.</param>
    /// <param name="sampleRateHz">The codec's audio rate: 16000 for G.722, 48000 for Opus.</param>
    /// <param name="target">The service's SIP address, host:port.</param>
    /// <param name="number">What to dial.</param>
    /// <param name="toneHz">The sine ausine sends.</param>
    /// <param name="duration">How long baresip runs before it hangs up and quits.</param>
    public static BaresipCaller Start(
        string codecModule,
        int sampleRateHz,
        string target,
        string number,
        int toneHz,
        TimeSpan duration)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sparklecc-baresip-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var sipPort = FreePorts.Sip();
        var rtpPort = FreePorts.Media();
        var consolePort = FreePorts.Sip();
        var tone = Path.Combine(directory, "tone.wav");

        // baresip's opus runs in stereo and its aufile wants the file in the codec's layout.
        var channels = codecModule == "opus" ? 2 : 1;
        WriteTone(tone, toneHz, sampleRateHz, channels, duration + TimeSpan.FromSeconds(10));
        var config = string.Join('\n',
            "module_path /usr/lib/baresip/modules",
            $"module {codecModule}.so",
            "module aufile.so",
            "module aubridge.so",
            "module account.so",
            "module menu.so",
            "module cons.so",
            $"cons_listen 127.0.0.1:{consolePort}",
            $"sip_listen 127.0.0.1:{sipPort}",
            $"audio_source aufile,{tone}",
            "audio_player aubridge,nowhere",
            "audio_alert aubridge,nowhere",
            $"rtp_ports {rtpPort}-{rtpPort + 1}",
            string.Empty);
        File.WriteAllText(Path.Combine(directory, "config"), config);
        File.WriteAllText(Path.Combine(directory, "accounts"), "<sip:caller@127.0.0.1>;regint=0\n");

        var start = new ProcessStartInfo("baresip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-f", directory,
            "-e", $"/dial sip:{number}@{target}",
            "-t", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = ExternalTool.Start(start, "baresip (package baresip-core)");
        return new BaresipCaller(process, directory, consolePort);
    }

    /// <summary>Presses a key on the phone (its UDP console), which sends it as RFC 4733 DTMF.</summary>
    public async Task PressAsync(char key)
    {
        using var udp = new System.Net.Sockets.UdpClient();
        await udp.SendAsync(new[] { (byte)key }, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, _consolePort));
    }

    /// <summary>Waits for baresip to quit on its own; false when it had to be killed.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // A 16-bit PCM WAV of a -6 dBFS sine, the same in every channel.
    private static void WriteTone(string path, int toneHz, int sampleRateHz, int channels, TimeSpan length)
    {
        var count = (int)(length.TotalSeconds * sampleRateHz);
        var bytes = count * 2 * channels;
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + bytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(sampleRateHz);
        writer.Write(sampleRateHz * 2 * channels);
        writer.Write((short)(2 * channels));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(bytes);
        for (var i = 0; i < count; i++)
        {
            var sample = (short)Math.Round(16384 * Math.Sin(2 * Math.PI * toneHz * i / sampleRateHz));
            for (var c = 0; c < channels; c++)
            {
                writer.Write(sample);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
