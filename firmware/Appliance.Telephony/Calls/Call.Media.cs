using Appliance.Media.Jitter;

namespace Appliance.Telephony.Calls;

/// <summary>The call's choices about its media: which legs are decoded through a jitter buffer.</summary>
internal sealed partial class Call
{
    /// <summary>
    /// Gives both legs of a recorded bridge a jitter buffer, so the recording and the far side
    /// hear each leg in timestamp order; an unrecorded bridge passes audio in arrival order
    /// like a relay, which adds no delay.
    /// </summary>
    private void UseJitterBuffers(AgentLeg leg, bool decoded)
    {
        if (!decoded)
        {
            return;
        }

        _callerRtp!.JitterBuffer = new AdaptiveJitterBuffer(_services.Time);
        leg.Rtp.JitterBuffer = new AdaptiveJitterBuffer(_services.Time);
    }
}
