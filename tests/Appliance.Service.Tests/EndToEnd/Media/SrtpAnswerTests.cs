using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media;

/// <summary>
/// SDES keying through the real service: a SIPp caller offering RTP/SAVP with an unusable and a
/// usable a=crypto line is answered RTP/SAVP with a fresh key for the usable line's tag.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SrtpAnswerTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerOfferingSrtpIsAnsweredWithACryptoLineForTheTagWeCanUse()
    {
        await using var service = await ApplianceProcess.StartAsync();
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-srtp-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller-srtp.xml",
            FreePorts.Sip(),
            TimeSpan.FromSeconds(30),
            service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();

        Assert.True(
            caller.ExitCode == 0,
            $"The answer was not RTP/SAVP with our crypto line.\n{caller.Describe()}\nService:\n{service.Output}");
        Assert.Contains(
            $"Call {callId} media is SRTP with AES_CM_128_HMAC_SHA1_80",
            service.Output,
            StringComparison.Ordinal);
    }
}
