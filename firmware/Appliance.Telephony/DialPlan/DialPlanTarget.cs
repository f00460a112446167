namespace Appliance.Telephony.DialPlan;

/// <summary>What a dialled number leads to: an IVR menu, an IVR flow or a queue, by name.</summary>
public sealed record DialPlanTarget(DialPlanTargetKind Kind, string Name);
