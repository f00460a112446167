using System.Globalization;
using Appliance.Service.Tests.Support;
using Microsoft.Playwright;

namespace Appliance.Web.Tests.Support;

/// <summary>SIPp calls to the demo box's DID 100, answered by an agent phone the test started.</summary>
public static class DemoCalls
{
    /// <summary>
    /// Places one call with caller-until-bye.xml (which presses 1 in the demo menu), waits for the
    /// answer, hangs it up through the CTI API and returns its call record.
    /// </summary>
    public static async Task<CdrSnapshot> AnsweredAsync(WebBox box, SippRunner sipp, IPage admin)
    {
        var callId = $"web-{Guid.NewGuid():N}";
        await using var caller = Place(box, sipp, "100", callId, TimeSpan.FromSeconds(60));
        var answered = await WaitForCallStateAsync(admin, callId, "answered");
        Assert.True(answered, "The call to DID 100 was not answered. Service:\n" + box.Service.Output);

        // caller-until-bye.xml plays 2 s of tone and its digit before it waits for the BYE; a BYE
        // sooner is one SIPp does not expect.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var hangUp = await PageRequests.PostAsync(admin, $"/api/calls/{callId}/hangup");
        var callerResult = await caller.WaitAsync();
        var cdr = await CdrReader.WaitForAsync(box.Service.DatabasePath, callId, TimeSpan.FromSeconds(10));

        Assert.Equal(204, hangUp);
        Assert.True(callerResult.ExitCode == 0, callerResult.Describe() + "\nService:\n" + box.Service.Output);
        Assert.NotNull(cdr);
        return cdr;
    }

    /// <summary>
    /// Starts one caller-until-bye.xml call to <paramref name="did"/> (it presses 1 two seconds
    /// after the answer, then waits for the BYE); the caller disposes the peer.
    /// </summary>
    public static SippPeer Place(WebBox box, SippRunner sipp, string did, string callId, TimeSpan timeout) =>
        sipp.Start(
            "caller-until-bye.xml",
            FreePorts.Sip(),
            timeout,
            box.Service.SipTarget,
            "-s", did,
            "-cid_str", callId,
            "-mp", FreePorts.Media().ToString(CultureInfo.InvariantCulture),
            "-m", "1");

    /// <summary>Polls the live calls until the call is in <paramref name="state"/>, for 30 s.</summary>
    /// <returns>False when it never got there.</returns>
    public static async Task<bool> WaitForCallStateAsync(IPage page, string callId, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await PageRequests.CallStateAsync(page, callId) == state)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
