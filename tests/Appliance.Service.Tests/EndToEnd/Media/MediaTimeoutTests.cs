using System.Diagnostics;
using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Media;

/// <summary>
/// The media timeout and the quality summary through the real service: a SIPp caller that sends
/// one second of tone and then no RTP is hung up by the box once <c>Rtp:Timeout</c> has passed,
/// and its record carries the loss, jitter and MOS measured on its leg.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MediaTimeoutTests
{
    private static readonly TimeSpan s_mediaTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerWhoseRtpStopsIsHungUpAfterTheTimeoutAndItsQualityIsRecorded()
    {
        var timeout = TimeSpan.FromSeconds(40);
        await using var service = await ApplianceProcess.StartAsync(
            "--Rtp:Timeout=" + s_mediaTimeout.ToString("c", CultureInfo.InvariantCulture));
        var sipp = new SippRunner(service.Root);
        var callId = $"e2e-media-timeout-{Guid.NewGuid():N}";
        var started = Stopwatch.StartNew();

        var caller = await sipp.Start(
            "caller-stops-sending.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1").WaitAsync();
        var elapsed = started.Elapsed;
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));

        Assert.True(
            caller.ExitCode == 0,
            $"The caller got no BYE.\n{caller.Describe()}\nService:\n{service.Output}");
        Assert.Contains(
            $"Call {callId} hung up: no RTP from the caller",
            service.Output,
            StringComparison.Ordinal);
        Assert.InRange(elapsed, s_mediaTimeout + TimeSpan.FromSeconds(1), timeout - TimeSpan.FromSeconds(5));
        Assert.NotNull(cdr);
        Assert.Equal("failed", cdr.Disposition);
        Assert.NotNull(cdr.Mos);
        Assert.InRange(cdr.Mos.Value, 4.0, 4.5);
        Assert.Equal(0, cdr.LossPercent);
        Assert.NotNull(cdr.JitterMs);
    }
}
