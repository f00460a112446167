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
}
