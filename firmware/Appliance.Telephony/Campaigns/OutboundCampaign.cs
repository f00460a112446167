using Appliance.CallCenter.Dialer;
using Appliance.CallCenter.Dialer.Blending;

namespace Appliance.Telephony.Campaigns;

/// <summary>
/// A campaign as the live service runs it: the dialler's <see cref="Campaign"/>, the extensions
/// of its agents (the phones the ACD rings too), the SIP trunk its calls leave by, and the
/// limits telephony applies to each call. Immutable.
/// </summary>
public sealed class OutboundCampaign
{
    public required Campaign Campaign { get; init; }

    /// <summary>Extensions that take the campaign's calls while they are registered.</summary>
    public required IReadOnlyList<string> AgentIds { get; init; }

    public required SipTrunk Trunk { get; init; }

    /// <summary>How long a contact's phone rings before the call is cancelled as no answer.</summary>
    public TimeSpan RingLimit { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long an agent wraps up after a call before being ready again; the phone cannot
    /// give a disposition, so <see cref="DefaultDisposition"/> is recorded then.
    /// </summary>
    public TimeSpan WrapUpTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The disposition recorded when wrap-up closes by itself (one of the campaign's codes).</summary>
    public string DefaultDisposition { get; init; } = "no-sale";

    /// <summary>
    /// Whether the first seconds after an answer are screened for an answering machine before an
    /// agent is chosen (about 1.5 s for a person's "Hello?"); a machine is hung up and counted as
    /// <see cref="CallResult.Machine"/>.
    /// </summary>
    public bool MachineDetection { get; init; }

    /// <summary>Whether the campaign starts dialling as the service starts.</summary>
    public bool AutoStart { get; init; }

    /// <summary>
    /// The inbound queues the campaign's agents also serve: while calls wait in them, the
    /// campaign holds its pacing and gives its idle agents to inbound (<see cref="Blender"/>).
    /// Empty: no blending.
    /// </summary>
    public IReadOnlyList<string> BlendingQueues { get; init; } = [];

    /// <summary>The thresholds of the blending with <see cref="BlendingQueues"/>.</summary>
    public BlendingOptions Blending { get; init; } = new();
}
