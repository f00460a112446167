namespace Appliance.Media.Mixing;

/// <summary>
/// What a party of a <see cref="MediaMixer"/> hears and who hears it. Every party hears every
/// <see cref="Talk"/> party but itself; the roles differ in who hears the party.
/// </summary>
public enum MixRole
{
    /// <summary>Heard by every other party: a caller, an agent, a conference member, a
    /// supervisor who barged in.</summary>
    Talk,

    /// <summary>Heard by no one: a supervisor listening in.</summary>
    Listen,

    /// <summary>Heard by one party only, named when the role is set: a supervisor coaching the
    /// agent without the caller hearing.</summary>
    Whisper,
}
