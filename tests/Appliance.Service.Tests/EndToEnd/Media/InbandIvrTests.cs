using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media;

/// <summary>
/// A caller whose phone negotiated no telephone-event (a PSTN gateway, a plain phone) keys its
/// IVR choice as a Q.23 tone in the audio: the service's in-band detector must hear it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InbandIvrTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ACallerWithoutTelephoneEventKeysOneInBandAndIsQueuedForSales()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-inband-ivr-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller-keys-inband.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "2000",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(caller.ExitCode == 0, caller.Describe() + "\nService:\n" + service.Output);
        Assert.NotNull(cdr);
        Assert.True(cdr.IvrChoice == "1", cdr + "\nService:\n" + service.Output);
        Assert.Equal("sales", cdr.Queue);
    }
}
