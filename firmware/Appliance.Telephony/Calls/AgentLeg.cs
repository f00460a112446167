using System.Net;
using Appliance.Media.Engine;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Appliance.Telephony.Trunks;

namespace Appliance.Telephony.Calls;

/// <summary>
/// The outbound leg to one agent's phone for one offer. Owned by its <see cref="Call"/> and
/// touched only on that call's mailbox.
/// </summary>
internal sealed class AgentLeg
{
    private readonly SipRequest _invite;
    private readonly SipClientTransaction? _transaction;
    private readonly RoutedInvite? _routed;
    private readonly IPEndPoint _destination;

    public AgentLeg(
        string agentId,
        SipRequest invite,
        SipClientTransaction transaction,
        RtpEndpoint rtp,
        IPEndPoint destination)
    {
        AgentId = agentId;
        _invite = invite;
        _transaction = transaction;
        Rtp = rtp;
        _destination = destination;
    }

    /// <summary>A leg through a trunk, whose INVITE may go on to the next route.</summary>
    public AgentLeg(string agentId, RoutedInvite routed, RtpEndpoint rtp)
    {
        AgentId = agentId;
        _routed = routed;
        _invite = routed.Request;
        _destination = routed.Destination;
        Rtp = rtp;
    }

    public string AgentId { get; }

    public string CallId => _invite.CallId!;

    /// <summary>The INVITE; for a leg through a trunk, the one sent to the route tried now.</summary>
    public SipRequest Invite => _routed?.Request ?? _invite;

    /// <summary>The first final response of the INVITE (of its last route), or null for none.</summary>
    public Task<SipResponse?> FinalResponse => _routed?.FinalResponse ?? _transaction!.FinalResponse;

    public RtpEndpoint Rtp { get; }

    /// <summary>Where the INVITE went; for a leg through a trunk, the route tried now.</summary>
    public IPEndPoint Destination => _routed?.Destination ?? _destination;

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

    /// <summary>Cancels the INVITE (RFC 3261 §9.1); a leg through a trunk tries no further route.</summary>
    public ValueTask CancelInviteAsync() => _routed?.CancelAsync() ?? _transaction!.CancelAsync();

    /// <summary>The ACK we sent for the 2xx, kept to answer a retransmitted 2xx (§13.2.2.4).</summary>
    public SipRequest? Ack { get; set; }
}
