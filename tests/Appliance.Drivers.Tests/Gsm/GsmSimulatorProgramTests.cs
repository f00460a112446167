using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Appliance.Drivers.Gsm;
using Serilog.Core;

namespace Appliance.Drivers.Tests.Gsm;

/// <summary>
/// The technician's simulator, sparkle-gsm, started as a process: the driver opens the AT port the
/// program prints, and the network is played by typing on the program's stdin and on its control
/// socket.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GsmSimulatorProgramTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"sparkle-gsm-{Guid.NewGuid():N}.sock");
    private readonly BlockingCollection<string> _output = [];
    private Process _program = null!;

    public Task InitializeAsync()
    {
        _program = StartSimulator("--control", _socket);
        _program.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _output.Add(e.Data);
            }
        };
        _program.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _output.Add("stderr: " + e.Data);
            }
        };
        _program.BeginOutputReadLine();
        _program.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!_program.HasExited)
        {
            _program.Kill(entireProcessTree: true);
        }

        await _program.WaitForExitAsync();
        _program.Dispose();
        File.Delete(_socket);
    }

    [Fact]
    public async Task TheDriverOnThePrintedDeviceTakesACallAndAnSmsTypedOnStdin()
    {
        var device = After("device ");
        await using var modem = OpenModem(device);
        await modem.StartAsync(CancellationToken.None);

        await TypeAsync("ring +8613800138000");
        var incoming = await NextAsync(modem, GsmEventKind.IncomingCall);
        await modem.AnswerAsync(CancellationToken.None);
        await TypeAsync("hangup");
        var ended = await NextAsync(modem, GsmEventKind.CallEnded);
        await TypeAsync("sms +8613700137000 Please call me back");
        var sms = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.Equal(GsmRegistration.Home, modem.Status.Registration);
        Assert.Equal("CHINA MOBILE", modem.Status.Operator);
        Assert.Equal("+8613800138000", incoming.Number);
        Assert.Equal("NO CARRIER", ended.Text);
        Assert.Equal("+8613700137000", sms.Number);
        Assert.Equal("Please call me back", sms.Text);
        Assert.StartsWith("from +8613700137000 (", After("ok delivered "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheControlSocketLosesTheNetworkSetsTheSignalAndRefusesABadCommand()
    {
        var device = After("device ");
        After("control ");
        await using var modem = OpenModem(device);
        await modem.StartAsync(CancellationToken.None);
        using var control = await ControlAsync();

        var lost = await AskAsync(control, "network lost");
        var signal = await AskAsync(control, "signal 31");
        var whileLost = await modem.ReadStatusAsync(CancellationToken.None);
        var bad = await AskAsync(control, "signal 40");
        var home = await AskAsync(control, "network roaming");
        var back = await modem.ReadStatusAsync(CancellationToken.None);

        Assert.Equal("ok network lost", lost);
        Assert.Equal("ok signal 31", signal);
        Assert.Equal(GsmRegistration.Searching, whileLost.Registration);
        Assert.False(whileLost.Registered);
        Assert.Equal(-51, whileLost.SignalDbm);
        Assert.Equal("", whileLost.Operator);
        Assert.StartsWith("error ", bad, StringComparison.Ordinal);
        Assert.Equal("ok network roaming", home);
        Assert.Equal(GsmRegistration.Roaming, back.Registration);
        Assert.Equal("CHINA MOBILE", back.Operator);
    }

    [Fact]
    public async Task ABadSignalGetsOneErrorLineSoTheNextCommandGetsItsOwnReply()
    {
        After("control ");
        using var control = await ControlAsync();

        var bad = await AskAsync(control, "signal 32");
        var next = await AskAsync(control, "signal 5");
        await TypeAsync("refuse-sms many");
        var typed = After("error ");
        await TypeAsync("signal 7");
        var typedNext = After("ok ");

        Assert.Equal("error signal is 0 to 31, or 99 for unknown, not '32'", bad);
        Assert.Equal("ok signal 5", next);
        Assert.Equal("refuse-sms takes a count of 0 or more, not 'many'", typed);
        Assert.Equal("signal 7", typedNext);
    }

    [Theory]
    [InlineData("--pin 12", "--pin is 4 to 8 digits or 'none', not '12'.")]
    [InlineData("--pin abcd", "--pin is 4 to 8 digits or 'none', not 'abcd'.")]
    [InlineData("--tone-hz 99999", "--tone-hz is 1 to 3999 Hz, not 99999.")]
    [InlineData("--slow-ms -5", "--slow-ms is 0 to 60000 milliseconds, not -5.")]
    [InlineData(
        "--control /nonexist/d/x.sock",
        "sparkle-gsm: --control /nonexist/d/x.sock: the folder /nonexist/d does not exist")]
    public async Task ABadOptionIsRefusedByNameWithItsRangeAndTheProgramExitsWithAFailure(
        string arguments,
        string refusal)
    {
        using var refused = StartSimulator(arguments.Split(' '));
        refused.StandardInput.Close();
        var stdout = refused.StandardOutput.ReadToEndAsync();
        var stderr = await refused.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_timeout);
        await refused.WaitForExitAsync(deadline.Token);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(refusal, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr + await stdout, StringComparison.Ordinal);
    }

    private static Process StartSimulator(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sparkle-gsm.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static AtModem OpenModem(string device) => AtModem.OpenSerial(
        device,
        115200,
        new AtModemOptions { Pin = "1234", CommandTimeout = TimeSpan.FromSeconds(5) },
        TimeProvider.System,
        Logger.None);

    /// <summary>The rest of the first output line that starts with <paramref name="prefix"/>.</summary>
    private string After(string prefix)
    {
        var seen = new StringBuilder();
        using var deadline = new CancellationTokenSource(s_timeout);
        try
        {
            while (true)
            {
                var line = _output.Take(deadline.Token);
                seen.AppendLine(line);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line[prefix.Length..];
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"sparkle-gsm never printed '{prefix}'; it printed:\n{seen}");
            throw;
        }
    }

    private async Task TypeAsync(string line)
    {
        await _program.StandardInput.WriteLineAsync(line);
        await _program.StandardInput.FlushAsync();
    }

    private async Task<Socket> ControlAsync()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socket));
        return socket;
    }

    private static async Task<string> AskAsync(Socket control, string command)
    {
        await control.SendAsync(Encoding.UTF8.GetBytes(command + "\n"));
        var reply = new StringBuilder();
        var buffer = new byte[256];
        using var deadline = new CancellationTokenSource(s_timeout);
        while (!reply.ToString().EndsWith('\n'))
        {
            var read = await control.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            Assert.True(read > 0, "The control socket closed before replying to " + command);
            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString().TrimEnd('\n');
    }

    private static Task<GsmEvent> NextAsync(AtModem modem, GsmEventKind kind) =>
        ModemEvents.NextAsync(modem, kind, s_timeout);
}
