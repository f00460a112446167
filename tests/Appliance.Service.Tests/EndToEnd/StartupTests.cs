using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>Start-up of the real service process with configuration it must refuse.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class StartupTests
{
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("--Sip:Port=notaport", "Sip:Port")]
    [InlineData("--Sip:Port=70000", "Sip:Port")]
    [InlineData("--Rtp:PortMin=low", "Rtp:PortMin")]
    [InlineData("--Sip:BindAddress=not-an-address", "Sip:BindAddress")]
    [InlineData("--Demo:RingTimeout=soon", "Demo:RingTimeout")]
    public async Task InvalidConfigValueStopsStartupNamingTheKey(string argument, string key)
    {
        var (exitCode, output) = await ApplianceProcess.RunToExitAsync(TimeSpan.FromSeconds(20), argument);

        Assert.True(exitCode is not null, $"The service kept running with {argument}:\n{output}");
        Assert.True(exitCode != 0, $"The service exited 0 with {argument}:\n{output}");
        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ASigtermDuringStartupSaysSoInOneLineAndExitsCleanly()
    {
        await using var service = ApplianceProcess.Launch();
        Assert.True(
            await service.WaitForOutputAsync("Opened database", TimeSpan.FromSeconds(60)),
            "The service never opened its database:\n" + service.Output);

        var exitCode = await service.StopGracefullyAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"The service exited with {exitCode}:\n{service.Output}");
        Assert.Single(
            service.Output.Split('\n'),
            l => l.Contains("start-up cancelled by a stop request", StringComparison.Ordinal));
        Assert.DoesNotContain("listening for SIP", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FTL", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", service.Output, StringComparison.Ordinal);
    }
}
