using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd.Sip;

/// <summary>
/// SIPp callers against the running service (scenarios under Scenarios/sip): each run must
/// finish its scenario and receive exactly the responses listed, in order.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SippDialogTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private ApplianceProcess Service => fixture.Service;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallerRequiringReliableProvisionalsIsAnsweredOnlyAfterItsPrack()
    {
        var result = await RunAsync("sip/caller-prack.xml", "-set", "talk", "500");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal([180, 200, 200, 200], WithoutTrying(result));
        var ringing = result.Received.Single(m => m.StartsWith("SIP/2.0 180", StringComparison.Ordinal));
        Assert.Equal("100rel", SippResult.Header(ringing, "Require"));
        Assert.NotNull(SippResult.Header(ringing, "RSeq"));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CancelBeforeTheAnswerGets200AndTheInvite487()
    {
        var result = await RunAsync("sip/caller-cancel.xml");

        Assert.True(result.ExitCode == 0, result.Describe());
        // The reliable 180 is retransmitted until the CANCEL, so it may come more than once.
        Assert.Equal([200, 487], WithoutTrying(result).Where(c => c != 180));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CancelCrossingTheOkGets200AndTheCallGoesOnUntilBye()
    {
        var result = await RunAsync("sip/caller-cancel-after-ok.xml");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal([180, 200, 200, 200], WithoutTrying(result));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task TooShortSessionIntervalGets422AndTheCallersRefreshIsAnsweredWithTheAgreedTerms()
    {
        var result = await RunAsync("sip/caller-session-timer.xml");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal([422, 180, 200, 200, 200], WithoutTrying(result));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CompactSessionExpiresIsNegotiatedLikeTheLongForm()
    {
        var result = await RunAsync("sip/caller-session-timer-compact.xml");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal([422, 180, 200, 200, 200], WithoutTrying(result));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task CallsOverALossyNetworkAllCompleteThroughRetransmission()
    {
        var result = await RunAsync(
            "sip/caller-lossy.xml",
            "-set", "talk", "500",
            "-lost", "10",
            "-m", "10",
            "-l", "5");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("Successful call", result.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain(result.ReceivedStatusCodes, c => c is not (100 or 180 or 200));
    }

    /// <summary>
    /// The status codes without 100 Trying, which is hop by hop and comes a second time when the
    /// box takes over 200 ms to answer (RFC 3261 §17.2.1), e.g. on a loaded machine.
    /// </summary>
    private static List<int> WithoutTrying(SippResult result) =>
        [.. result.ReceivedStatusCodes.Where(c => c != 100)];

    private async Task<SippResult> RunAsync(string scenario, params string[] arguments)
    {
        var sipp = new SippRunner(Service.Root);
        string[] common =
        [
            Service.SipTarget,
            "-s", "100",
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
        ];
        string[] calls = arguments.Contains("-m") ? [] : ["-m", "1"];
        string[] all = [.. common, .. arguments, .. calls];
        await using var peer = sipp.Start(scenario, FreePorts.Sip(), s_timeout, all);
        return await peer.WaitAsync();
    }
}
