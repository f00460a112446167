using System.Globalization;
using Appliance.Service.Tests.Support;

namespace Appliance.Service.Tests.EndToEnd;

/// <summary>
/// An extension that takes both campaign and inbound calls: the demo's agents 1001 and 1002 are
/// both in queue "sales", and a progressive campaign uses 1001. While 1001 talks to a SIPp
/// contact of the campaign, a SIPp caller rings the queue; the ACD must not offer it to 1001.
/// </summary>
/// <remarks>
/// 1001 registers first, so without the campaign it would be the agent idle longest and rung
/// first (queue strategy LongestIdle); its SIPp phone takes one call only, so an offer to it
/// would ring out the demo's 15 s before 1002 got the call.
/// </remarks>
[Collection(EndToEndCollection.Name)]
public sealed class CampaignInboundTests
{
    private const string Contact = "+15550000011";

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AnInboundCallDuringACampaignCallGoesToAnotherAgent()
    {
        var contactSipPort = FreePorts.Sip();
        await using var service = await ApplianceProcess.StartAsync(CampaignArguments(contactSipPort));
        var sipp = new SippRunner(service.Root);
        var timeout = TimeSpan.FromSeconds(60);
        var phones = new AgentPhones(sipp, service);
        await using var contact = sipp.Start(
            "called-answers-hangs-up.xml", contactSipPort, timeout, "-m", "1",
            "-mp", Port(FreePorts.Media()), "-set", "talk", "15000");
        await using var campaignAgent = await phones.StartAsync("1001", "agent-answers.xml", timeout);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var otherAgent = await phones.StartAsync("1002", "agent-answers.xml", timeout);
        var connected = await service.WaitForOutputAsync("connected to agent 1001", TimeSpan.FromSeconds(20));
        var callId = $"e2e-campaign-inbound-{Guid.NewGuid():N}";

        var caller = await sipp.Start(
            "caller.xml",
            FreePorts.Sip(),
            timeout,
            service.SipTarget,
            "-s", "100",
            "-set", "talk", "3000",
            "-cid_str", callId,
            "-mp", Port(FreePorts.Media()),
            "-m", "1").WaitAsync();
        var inbound = await otherAgent.Peer.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(service.DatabasePath, callId, TimeSpan.FromSeconds(5));
        var contactCall = await contact.WaitAsync();
        var campaignCall = await campaignAgent.Peer.WaitAsync();

        var why = "\nService:\n" + service.Output;
        Assert.True(connected, "The campaign call never reached agent 1001." + why);
        Assert.True(caller.ExitCode == 0, caller.Describe() + why);
        Assert.True(inbound.ExitCode == 0, "1002 did not get the inbound call.\n" + inbound.Describe() + why);
        Assert.True(contactCall.ExitCode == 0, contactCall.Describe() + why);
        Assert.True(campaignCall.ExitCode == 0, campaignCall.Describe() + why);
        Assert.NotNull(cdr);
        Assert.Equal("1002", cdr.Agent);
        Assert.True(
            cdr.WaitSeconds <= 3,
            $"The inbound call waited {cdr.WaitSeconds} s: it was offered to 1001 first." + why);
        Assert.Contains("Agent 1001 is on a call of its own", service.Output, StringComparison.Ordinal);
    }

    private static string[] CampaignArguments(int contactSipPort)
    {
        const string Key = "--Dialer:Campaigns:0:";
        var folder = Directory.CreateTempSubdirectory("sparklecc-campaign-inbound-").FullName;
        var contacts = Path.Combine(folder, "contacts.csv");
        File.WriteAllLines(contacts, ["id,phone,timezone", $"c1,{Contact},UTC"]);
        return
        [
            Key + "Name=blended",
            Key + "CallerId=+15559990000",
            Key + "Mode=progressive",
            Key + "Agents=1001",
            Key + "Contacts=" + contacts,
            Key + "AutoStart=true",
            Key + "CallingHours=00:00-23:59",
            Key + "WrapUpTime=00:00:01",
            Key + "Trunk:Destination=127.0.0.1:" + Port(contactSipPort),
        ];
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
