namespace Appliance.Telephony.Trunks;

/// <summary>
/// One mistake in the trunk groups or routes: where it is, what is wrong as a sentence for the
/// admin, and for <see cref="TrunkPlanSetting.PortGroup"/> the port whose own group setting it is.
/// </summary>
public sealed record TrunkPlanProblem(TrunkPlanSetting Setting, string Message, string? PortName = null);
