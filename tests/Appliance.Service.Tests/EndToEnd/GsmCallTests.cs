using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Drivers.Gsm;
using Appliance.Drivers.Simulation;
using Appliance.GsmSimulator;
using Appliance.Service.Tests.Support;
using SQLite;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// A GSM/4G module in the real service: the module is a simulator on the far side of a pty pair
/// (AT port, echo on until ATE0, a SIM wanting its PIN, a URC inside a response, a slow AT+COPS?)
/// and its serial PCM port is a second pty pair carrying 8 kHz 16-bit PCM at the real pace.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GsmCallTests
{
    private const double NetworkToneHz = 440;
    private const double SipToneHz = 1000;
    private const int OneSecondOfWindows = 4;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task GsmCallerReachesAgentThroughIvrAndQueueWithAudioBothWaysOverThePcmPort()
    {
        using var modem = PtyModem.Open();
        using var voice = new PtyVoicePort(NetworkToneHz);
        await using var service = await StartWithModuleAsync(modem, voice);
        var sipp = new SippRunner(service.Root);
        await using var capture = await PacketCapture.StartAsync(
            $"udp portrange {service.RtpPortMin}-{service.RtpPortMax}", service.Root);
        await using var agent = await new AgentPhones(sipp, service)
            .StartAsync("1001", "agent-answers.xml", TimeSpan.FromSeconds(40));

        modem.Ring("+8613800138000");
        await WaitForCommandAsync(modem, "AT+QPCMV=1,0");
        await Task.Delay(TimeSpan.FromSeconds(1));
        voice.PressKey('1');
        var networkHeardHz = await WaitForNetworkToneAsync(voice, SipToneHz);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        modem.FarHangup();
        var agentCall = await agent.Peer.WaitAsync();
        var datagrams = await capture.StopAsync();
        var cdr = await WaitForTrunkCdrAsync(service.DatabasePath, "gsm-a");

        Assert.Contains("ATA", modem.Commands);
        Assert.True(agentCall.ExitCode == 0, agentCall.Describe() + "\nService:\n" + service.Output);
        var agentInvite = agentCall.Received.First(m => m.StartsWith("INVITE ", StringComparison.Ordinal));
        Assert.Contains("8613800138000", SippResult.Header(agentInvite, "From"), StringComparison.Ordinal);
        var heardByAgent = ToneAnalysis.WindowFrequencies(RtpAudio.ReceivedAt(datagrams, agent.MediaPort));
        Assert.True(
            ToneAnalysis.WindowsAt(heardByAgent, NetworkToneHz) >= OneSecondOfWindows,
            $"The agent did not hear the caller's {NetworkToneHz} Hz: {ToneAnalysis.Describe(heardByAgent)}");
        Assert.InRange(networkHeardHz, SipToneHz - 15, SipToneHz + 15);
        Assert.NotNull(cdr);
        Assert.Equal("+8613800138000", cdr.CallerNumber);
        Assert.Equal("100", cdr.Did);
        Assert.Equal("1", cdr.IvrChoice);
        Assert.Equal("sales", cdr.Queue);
        Assert.Equal("1001", cdr.Agent);
        Assert.Equal("gsm-a", cdr.TrunkPort);
        Assert.Equal(1, cdr.TrunkChannel);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task OutboundCallToTheGsmGroupDialsWithAtdSendsDigitsWithVtsAndHangsUpWithChup()
    {
        using var modem = PtyModem.Open();
        using var voice = new PtyVoicePort(NetworkToneHz);
        await using var service = await StartWithModuleAsync(modem, voice);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        var media = FreePorts.Media().ToString(CultureInfo.InvariantCulture);

        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", "13900139000", "-set", "talk", "2500", "-m", "1", "-mp", media);
        await WaitForCommandAsync(modem, "ATD13900139000;");
        await Task.Delay(TimeSpan.FromSeconds(1));
        modem.FarAnswer();
        var networkHeardHz = await WaitForNetworkToneAsync(voice, NetworkToneHz);
        var result = await caller.WaitAsync();
        await WaitForCommandAsync(modem, "AT+CHUP");

        Assert.True(result.ExitCode == 0, result.Describe() + "\nService:\n" + service.Output);
        Assert.InRange(networkHeardHz, NetworkToneHz - 15, NetworkToneHz + 15);
        Assert.Contains("AT+VTS=1", modem.Commands);
        Assert.Contains(200, result.ReceivedStatusCodes);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnOutboundNumberTheModuleCannotDialAsWrittenIsRefused484AndAnEscapedHashIsDialledAsHash()
    {
        using var modem = PtyModem.Open();
        using var voice = new PtyVoicePort(NetworkToneHz);
        await using var service = await StartWithModuleAsync(modem, voice);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        var media = FreePorts.Media().ToString(CultureInfo.InvariantCulture);
        var tooLong = new string('9', 40);

        await using var letterCaller = sipp.Start("caller-number-refused.xml", FreePorts.Sip(),
            TimeSpan.FromSeconds(40), $"127.0.0.1:{gateway}", "-s", "91a2", "-m", "1", "-mp", media);
        var letter = await letterCaller.WaitAsync();
        await using var lengthCaller = sipp.Start("caller-number-refused.xml", FreePorts.Sip(),
            TimeSpan.FromSeconds(40), $"127.0.0.1:{gateway}", "-s", tooLong, "-m", "1", "-mp", media);
        var length = await lengthCaller.WaitAsync();
        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", "9%23", "-set", "talk", "1000", "-m", "1", "-mp", media);
        await WaitForCommandAsync(modem, "ATD9#;");
        modem.FarAnswer();
        var dialled = await caller.WaitAsync();

        Assert.True(letter.ExitCode == 0, letter.Describe() + "\nService:\n" + service.Output);
        Assert.True(length.ExitCode == 0, length.Describe() + "\nService:\n" + service.Output);
        Assert.Contains("'a' at position 3", Warning(letter), StringComparison.Ordinal);
        Assert.Contains("40 characters is more than the 31", Warning(length), StringComparison.Ordinal);
        Assert.True(dialled.ExitCode == 0, dialled.Describe() + "\nService:\n" + service.Output);
        Assert.Equal(["ATD9#;"], modem.Commands.Where(c => c.StartsWith("ATD", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task OutboundCallPassesOverAnE1InAlarmAndGoesOutOnTheGsmModule()
    {
        using var modem = PtyModem.Open();
        using var voice = new PtyVoicePort(NetworkToneHz);
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await StartWithModuleAsync(modem, voice, $"sim:{socket}?e1=1&fxo=0&gsm=0");
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForSpanInServiceAsync(exchange);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        var media = FreePorts.Media().ToString(CultureInfo.InvariantCulture);

        var alarm = await exchange.CommandAsync("alarm 0 LOS", CancellationToken.None);
        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", "13900139000", "-set", "talk", "1500", "-m", "1", "-mp", media);
        await WaitForCommandAsync(modem, "ATD13900139000;");
        modem.FarAnswer();
        var result = await caller.WaitAsync();
        await WaitForCommandAsync(modem, "AT+CHUP");

        Assert.True(alarm.Ok, alarm.Text);
        Assert.True(result.ExitCode == 0, result.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(200, result.ReceivedStatusCodes);
        Assert.Contains("Trunk port 0 is in alarm", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AModuleThatLosesItsNetworkIsPassedOverAndTheCallGoesOutOnTheE1()
    {
        using var modem = PtyModem.Open();
        using var voice = new PtyVoicePort(NetworkToneHz);
        string socket = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");
        await using var service = await StartWithModuleAsync(
            modem, voice, $"sim:{socket}?e1=1&fxo=0&gsm=0", "--Pstn:Routes==gsm,e1");
        await using var exchange = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        await WaitForSpanInServiceAsync(exchange);
        var gateway = await GatewayEndPoint.PortAsync(service, s_timeout);
        var sipp = new SippRunner(service.Root);
        var media = FreePorts.Media().ToString(CultureInfo.InvariantCulture);

        // The gateway reads a module's status every 30 s, so the loss is noticed within one round.
        modem.SetNetwork(GsmRegistration.Searching);
        var noticed = await service.WaitForOutputAsync(
            "GSM module gsm-a is out of service", TimeSpan.FromSeconds(60));
        await using var caller = sipp.Start("caller.xml", FreePorts.Sip(), TimeSpan.FromSeconds(40),
            $"127.0.0.1:{gateway}", "-s", "13900139000", "-set", "talk", "1500", "-m", "1", "-mp", media);
        var setup = await exchange.WaitForEventAsync("setup port=0", s_timeout, CancellationToken.None);
        var channel = Regex.Match(setup, @"channel=(\d+)").Groups[1].Value;
        var answered = await exchange.CommandAsync($"answer 0 {channel}", CancellationToken.None);
        var result = await caller.WaitAsync();

        Assert.True(noticed, "The loss of the network was never noticed:\n" + service.Output);
        Assert.True(answered.Ok, answered.Text);
        Assert.True(result.ExitCode == 0, result.Describe() + "\nService:\n" + service.Output);
        Assert.Contains(200, result.ReceivedStatusCodes);
        Assert.Contains("called=13900139000", setup, StringComparison.Ordinal);
        Assert.DoesNotContain(modem.Commands, c => c.StartsWith("ATD", StringComparison.Ordinal));
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("--Pstn:Gsm:0:Pin=12a4", "Pstn:Gsm:0:Pin", "4 to 8 digits")]
    [InlineData("--Pstn:Gsm:0:Style=huawei", "Pstn:Gsm:0:Style", "huawei")]
    [InlineData("--Pstn:Gsm:0:SmsMode=ucs2", "Pstn:Gsm:0:SmsMode", "one of pdu, text")]
    [InlineData("--Pstn:Gsm:0:SmsPartsTimeout=02:00:00", "Pstn:Gsm:0:SmsPartsTimeout", "outside")]
    [InlineData("--Pstn:Gsm:0:VoicePort=ttyUSB4", "Pstn:Gsm:0:VoicePort", "ttyUSB4")]
    [InlineData("--Pstn:Gsm:0:Baud=9600", "Pstn:Gsm:0:Baud", "not a module setting")]
    public async Task ABadModuleSettingStopsStartupNamingTheField(string argument, string key, string text)
    {
        var (exitCode, output) = await ApplianceProcess.RunToExitAsync(
            TimeSpan.FromSeconds(20),
            "--Pstn:Gsm:0:Port=/dev/null",
            "--Pstn:Gsm:0:VoicePort=/dev/zero",
            argument);

        Assert.True(exitCode is not null and not 0, $"The service ran on with {argument}:\n{output}");
        Assert.Contains(key, output, StringComparison.Ordinal);
        Assert.Contains(text, output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AModuleWhoseDeviceIsMissingAtStartComesIntoServiceWhenItAppearsAndTakesACall()
    {
        using var modem = PtyModem.Open();
        using var voice = new PtyVoicePort(NetworkToneHz);
        var late = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.tty");
        await using var service = await ApplianceProcess.StartAsync(
            "--Pstn:LineDid=100",
            "--Pstn:Gsm:0:Name=gsm-a",
            $"--Pstn:Gsm:0:Port={late}",
            $"--Pstn:Gsm:0:VoicePort={voice.DevicePath}",
            $"--Pstn:Gsm:0:Pin={PtyModem.Pin}");
        var missingLogged = await service.WaitForOutputAsync("cannot open", s_timeout);
        var runningWithout = !service.HasExited;

        File.CreateSymbolicLink(late, modem.DevicePath);
        try
        {
            // The service tries the device again every 30 s, so allow a full period and then some.
            var started = await service.WaitForOutputAsync(
                "GSM module 867698040123456 started", TimeSpan.FromSeconds(75));
            modem.Ring("+8613800138000");
            await WaitForCommandAsync(modem, "ATA");
            modem.FarHangup();

            Assert.True(missingLogged, "The missing device was never logged:\n" + service.Output);
            Assert.True(runningWithout, "The service stopped without its module:\n" + service.Output);
            Assert.Contains(late, service.Output, StringComparison.Ordinal);
            Assert.True(started, "The module never started once its device appeared:\n" + service.Output);
            Assert.Contains("ATA", modem.Commands);
        }
        finally
        {
            File.Delete(late);
        }
    }

    private static async Task<ApplianceProcess> StartWithModuleAsync(
        PtyModem modem,
        PtyVoicePort voice,
        string? card = null,
        params string[] extra)
    {
        string[] cardArguments = card is null ? [] : [$"--Pstn:Card={card}"];
        string[] arguments =
        [
            .. cardArguments,
            "--Pstn:LineDid=100",
            "--Pstn:Gsm:0:Name=gsm-a",
            $"--Pstn:Gsm:0:Port={modem.DevicePath}",
            $"--Pstn:Gsm:0:VoicePort={voice.DevicePath}",
            $"--Pstn:Gsm:0:Pin={PtyModem.Pin}",
            .. extra,
        ];
        var service = await ApplianceProcess.StartAsync(arguments);
        Assert.True(
            await service.WaitForOutputAsync("GSM module 867698040123456 started", s_timeout),
            "The module never started:\n" + service.Output);
        return service;
    }

    /// <summary>Waits until layer 2 is up on the span, so only its alarm can pass it over.</summary>
    private static async Task WaitForSpanInServiceAsync(SimulatedCardControl exchange)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!(await exchange.CommandAsync("ports", CancellationToken.None)).Text
            .Contains("e1-0:30:alarms=0", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The span never came into service");
            await Task.Delay(100);
        }
    }

    private static string Warning(SippResult result) =>
        SippResult.Header(result.Received.First(m => m.StartsWith("SIP/2.0 484", StringComparison.Ordinal)), "Warning")
        ?? string.Empty;

    private static async Task WaitForCommandAsync(PtyModem modem, string command)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!modem.Commands.Contains(command))
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"The module never got {command}; it got {string.Join(" | ", modem.Commands)}");
            await Task.Delay(100);
        }
    }

    /// <summary>Listens to what the service sends the network in half-second windows until the
    /// wanted tone is on it.</summary>
    private static async Task<double> WaitForNetworkToneAsync(PtyVoicePort voice, double wantedHz)
    {
        double last = 0;
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(0.5));
            var windows = ToneAnalysis.WindowFrequencies(voice.TakeHeard());
            var near = windows.Where(f => Math.Abs(f - wantedHz) <= 50).ToList();
            if (near.Count >= 2)
            {
                return near.Average();
            }

            last = windows.LastOrDefault(f => !double.IsNaN(f));
        }

        return last;
    }

    private static async Task<CdrSnapshot?> WaitForTrunkCdrAsync(string databasePath, string trunkPort)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var connection = new SQLiteConnection(databasePath, SQLiteOpenFlags.ReadOnly);
                var row = connection.Query<CdrSnapshot>("SELECT * FROM Cdr WHERE TrunkPort = ?", trunkPort)
                    .FirstOrDefault();
                if (row is not null)
                {
                    return row;
                }
            }
            catch (SQLiteException)
            {
                // The table is not written yet.
            }

            await Task.Delay(200);
        }

        return null;
    }
}
