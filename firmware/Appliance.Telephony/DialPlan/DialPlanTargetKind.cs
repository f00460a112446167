namespace Appliance.Telephony.DialPlan;

/// <summary>The kinds of place an inbound number can be routed to.</summary>
public enum DialPlanTargetKind
{
    /// <summary>An IVR menu answers the call.</summary>
    Ivr,

    /// <summary>An IVR flow document answers the call (see <c>IvrFlowLibrary</c>).</summary>
    Flow,

    /// <summary>The call goes straight to a queue.</summary>
    Queue,

    /// <summary>An agent's phone dialled a feature code (*70...): the box answers, acts, confirms.</summary>
    FeatureCode,

    /// <summary>An agent's phone dialled another agent's extension: the box rings that phone.</summary>
    Extension,
}
