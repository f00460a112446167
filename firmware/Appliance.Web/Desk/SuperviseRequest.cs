namespace Appliance.Web.Desk;

/// <summary>A supervisor joining a call from the wallboard, or switching mode.</summary>
/// <param name="Mode"><c>listen</c>, <c>whisper</c> (heard by the agent only) or <c>barge</c>.</param>
/// <param name="Extension">The supervisor's own phone, which the box rings.</param>
public sealed record SuperviseRequest(string? Mode, string? Extension);
