using System.Globalization;
using System.Net;
using Appliance.Drivers.Simulation;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// Start-up of the real service with PSTN settings it must refuse: every bad Pstn:* key, whether
/// its form is wrong or only the simulated card's ports show it, stops the process with exit code 2
/// and one line naming the key, before the database is made; and the gateway's own SIP port.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PstnStartupTests
{
    private const string Card = "?e1=1&fxo=1&gsm=1";

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("--Pstn:Routes=9=nowhere", "Pstn:Routes", "'nowhere', which does not exist")]
    [InlineData("--Pstn:Groups=carrier=e1-7", "Pstn:Groups", "port 'e1-7', which the card does not have")]
    [InlineData("--Pstn:Routes:2:Pattern=9", "Pstn:Routes:2:Pattern", "Pstn:Routes is one line of text")]
    [InlineData("--Pstn:Fxo:3:EchoTailMs=64", "Pstn:Fxo:3", "the card has 1 FXO port, Pstn:Fxo:0 to Pstn:Fxo:0")]
    [InlineData("--Pstn:Spans:4:Signalling=r2", "Pstn:Spans:4", "the card has 1 E1 span, numbered 0")]
    [InlineData("--Pstn:Spans:0:MaxAni=5", "Pstn:Spans:0:MaxAni", "belongs to an R2 span (Signalling: r2)")]
    [InlineData("--Pstn:Spans:0:R2Variant=ITU", "Pstn:Spans:0:R2Variant", "span 0 is pri-cpe")]
    [InlineData("--Pstn:FxoCallerId=fsk", "Pstn:FxoCallerId", "'fsk' is not one of bell202, v23, dtmf")]
    [InlineData("--Pstn:FxoToLineGainDb=30", "Pstn:FxoToLineGainDb", "30 is outside -24..24")]
    [InlineData("--Pstn:SipTrunks=carrier", "Pstn:SipTrunks", "'carrier' is not name=address:port")]
    [InlineData("--Pstn:Upstream=core.example", "Pstn:Upstream", "'core.example' is not address:port")]
    [InlineData("--Pstn:LocalFallbackDid=900", "Pstn:LocalFallbackDid", "Pstn:Upstream is not set")]
    [InlineData("--Pstn:Gateway:SipPort=70000", "Pstn:Gateway:SipPort", "70000 is outside 0..65535")]
    [InlineData("--Pstn:Gsm:0:Name=e1-0", "Pstn:Gsm:0:Name", "'e1-0' is a port of the card")]
    [InlineData("--Pstn:LineDid=+100", "Pstn:LineDid", "'+100' is not a number of up to 20 digits")]
    [InlineData("--Pstn:Gsm:0:Did=+100", "Pstn:Gsm:0:Did", "'+100' is not a number of up to 20 digits")]
    [InlineData("--Pstn:Routes=9=e1,,gsm", "Pstn:Routes", "'9=e1,,gsm' has an empty name in its comma list")]
    [InlineData("--Pstn:Groups=;;;", "Pstn:Groups", "';;;' names no trunk group")]
    [InlineData("--Pstn:Gsm:x:Port=/dev/pts/90", "Pstn:Gsm:x", "'x' is not a module number")]
    public async Task ABadPstnSettingStopsStartupWithOneLineNamingTheKeyBeforeTheDatabaseIsMade(
        string argument,
        string key,
        string text)
    {
        var socket = SocketPath();
        string[] module = argument.StartsWith("--Pstn:Gsm", StringComparison.Ordinal)
            ? ["--Pstn:Gsm:0:Port=/dev/null", "--Pstn:Gsm:0:VoicePort=/dev/zero"]
            : [];

        var (exitCode, output, databaseMade) = await ApplianceProcess.RunToExitLeavingAsync(
            TimeSpan.FromSeconds(30), [$"--Pstn:Card=sim:{socket}{Card}", argument, .. module]);
        File.Delete(socket);

        Assert.True(exitCode == 2, $"The service exited with {exitCode} for {argument}:\n{output}");
        var line = Assert.Single(LinesNaming(output, key));
        Assert.Contains(text, line, StringComparison.Ordinal);
        AssertNoExceptionText(output);
        Assert.False(databaseMade, $"The database was made before {argument} was refused:\n{output}");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task EveryBadPstnKeyIsReportedAtOnceEachOnItsOwnLine()
    {
        var socket = SocketPath();
        string[] keys =
        [
            "Pstn:FxoCallerId", "Pstn:Routes", "Pstn:Fxo:2", "Pstn:Spans:0:Category", "Pstn:FxoToLineGainDb",
        ];

        var (exitCode, output, databaseMade) = await ApplianceProcess.RunToExitLeavingAsync(
            TimeSpan.FromSeconds(30),
            $"--Pstn:Card=sim:{socket}{Card}",
            "--Pstn:FxoCallerId=fsk",
            "--Pstn:Routes=9=e1,nowhere",
            "--Pstn:Fxo:2:EchoCancel=on",
            "--Pstn:Spans:0:Signalling=r2",
            "--Pstn:Spans:0:Category=vip",
            "--Pstn:FxoToLineGainDb=30");
        File.Delete(socket);

        Assert.True(exitCode == 2, $"The service exited with {exitCode}:\n{output}");
        foreach (var key in keys)
        {
            Assert.True(LinesNaming(output, key).Count == 1, $"{key} is not named on one line:\n{output}");
        }

        AssertNoExceptionText(output);
        Assert.False(databaseMade, output);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACardGivenAsAJsonSectionIsRefusedByNameRatherThanStartingWithoutACard()
    {
        var config = Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{"Pstn":{"Card":{"x":1}}}""");

        var (exitCode, output, databaseMade) = await ApplianceProcess.RunToExitLeavingAsync(
            TimeSpan.FromSeconds(30), "--config", config);
        File.Delete(config);

        Assert.True(exitCode == 2, $"The service exited with {exitCode}:\n{output}");
        var line = Assert.Single(LinesNaming(output, "Pstn:Card"));
        Assert.Contains("is one line of text", line, StringComparison.Ordinal);
        AssertNoExceptionText(output);
        Assert.False(databaseMade, output);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TheGatewayTakesTheSipPortItIsGivenAndSaysSoOnce()
    {
        var port = FreePorts.Sip();
        var socket = SocketPath();
        await using var service = await ApplianceProcess.StartAsync(
            $"--Pstn:Card=sim:{socket}{Card}",
            string.Create(CultureInfo.InvariantCulture, $"--Pstn:Gateway:SipPort={port}"));

        var logged = await GatewayEndPoint.PortAsync(service, TimeSpan.FromSeconds(30));
        var answer = await SipProbe.OptionsAsync(new IPEndPoint(IPAddress.Loopback, port));

        Assert.Equal(port, logged);
        Assert.Equal(200, answer);
        Assert.Single(service.Output.Split('\n'), l => l.Contains("PSTN gateway on", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASecondServiceOnTheSameSimulatedCardIsRefusedAndLeavesTheFirstOneItsSocket()
    {
        var socket = SocketPath();
        await using var first = await ApplianceProcess.StartAsync($"--Pstn:Card=sim:{socket}{Card}");
        await GatewayEndPoint.PortAsync(first, TimeSpan.FromSeconds(30));

        var (exitCode, output, _) = await ApplianceProcess.RunToExitLeavingAsync(
            TimeSpan.FromSeconds(60), $"--Pstn:Card=sim:{socket}{Card}");
        await using var control = await SimulatedCardControl.ConnectAsync(socket, CancellationToken.None);
        var ports = await control.CommandAsync("ports", CancellationToken.None);

        Assert.True(exitCode == 2, $"The second service exited with {exitCode}:\n{output}");
        var line = Assert.Single(LinesNaming(output, "Pstn:Card"));
        Assert.Contains($"the control socket {socket} is in use by another card", line, StringComparison.Ordinal);
        AssertNoExceptionText(output);
        Assert.True(ports.Ok, ports.Text);
        Assert.Contains("gsm-0:1:", ports.Text, StringComparison.Ordinal);
    }

    private static string SocketPath() =>
        Path.Combine(Path.GetTempPath(), $"sparkle-e2e-{Guid.NewGuid():N}.sock");

    /// <summary>The refusal lines naming exactly <paramref name="key"/> (not a longer key).</summary>
    private static List<string> LinesNaming(string output, string key) =>
        [.. output.Split('\n').Where(l => l.Contains($"Configuration key '{key}'", StringComparison.Ordinal))];

    private static void AssertNoExceptionText(string output)
    {
        Assert.DoesNotContain("(Parameter", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
