using Appliance.Media.Engine;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Trunks;

/// <summary>One card channel or GSM module bridged to one SIP dialog. Touched only on the gateway's
/// mailbox.</summary>
internal sealed class PstnLeg(int port, int channel, string callId, RtpEndpoint rtp, ITrunkAudio audio)
{
    public int Port { get; } = port;

    public int Channel { get; } = channel;

    public string CallId { get; } = callId;

    public RtpEndpoint Rtp { get; } = rtp;

    public ITrunkAudio Audio { get; } = audio;

    public PstnLegState State { get; set; } = PstnLegState.Inviting;

    public SipRequest? Invite { get; set; }

    public SipClientTransaction? Transaction { get; set; }

    public SipServerTransaction? InboundInvite { get; set; }

    public SipDialog? Dialog { get; set; }

    /// <summary>What an inbound call offers the SIP side, kept to offer it again elsewhere.</summary>
    public PstnOffer? Offer { get; set; }

    /// <summary>Fires when the upstream target has sent nothing back to the INVITE in time.</summary>
    public ITimer? UpstreamWait { get; set; }

    /// <summary>The target sent a provisional response to the INVITE now out.</summary>
    public bool TargetResponded { get; set; }

    public void StopUpstreamWait()
    {
        UpstreamWait?.Dispose();
        UpstreamWait = null;
    }
}
