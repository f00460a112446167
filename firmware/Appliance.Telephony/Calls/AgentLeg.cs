using System.Net;
using Appliance.Media.Engine;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The outbound leg to one agent's phone for one offer. Owned by its <see cref="Call"/> and
/// touched only on that call's mailbox.
/// </summary>
internal sealed class AgentLeg
{
    public AgentLeg(
        string agentId,
        SipRequest invite,
        SipClientTransaction transaction,
        RtpEndpoint rtp,
        IPEndPoint destination)
    {
        AgentId = agentId;
        Invite = invite;
        Transaction = transaction;
        Rtp = rtp;
        Destination = destination;
    }

    public string AgentId { get; }

    public string CallId => Invite.CallId!;

    public SipRequest Invite { get; }

    public SipClientTransaction Transaction { get; }

    public RtpEndpoint Rtp { get; }

    public IPEndPoint Destination { get; }

    public AgentLegState State { get; set; } = AgentLegState.Ringing;

    /// <summary>Why the leg exists; only <see cref="AgentLegPurpose.Offer"/> legs are the ACD's.</summary>
    public AgentLegPurpose Purpose { get; init; } = AgentLegPurpose.Offer;

    /// <summary>The o= session id of our SDP on this leg; it stays while the version grows.</summary>
    public ulong SdpSessionId { get; init; }

    /// <summary>The number dialled through a trunk, for a leg that left the box; null for a phone.</summary>
    public string? ExternalNumber { get; init; }

    /// <summary>Whether this leg holds its agent engaged in the ACD (a leg the ACD did not offer);
    /// it moves with the leg when a consultation is handed over.</summary>
    public bool EngagesAgent { get; set; }

    /// <summary>Whether a 180 or 183 came on this leg yet.</summary>
    public bool ProgressSeen { get; set; }

    public SipDialog? Dialog { get; set; }

    /// <summary>The ACK we sent for the 2xx, kept to answer a retransmitted 2xx (§13.2.2.4).</summary>
    public SipRequest? Ack { get; set; }
}
