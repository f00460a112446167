namespace Appliance.CallCenter.Dialer.Blending;

/// <summary>
/// One agent of the blended pool as the blender sees it. <paramref name="IsIdle"/> is true when
/// it is free now (no call, no wrap-up, nothing reserved): only idle agents are moved, so no
/// call is cut short by a move.
/// </summary>
public readonly record struct BlendedAgent(string Id, AgentAssignment Assignment, bool IsIdle);
