namespace Appliance.CallCenter.Queues;

/// <summary>
/// How a queue picks among its idle members for a call. Every strategy only considers members
/// that are logged in to the queue, ready, not yet tried for the call in this round, and that
/// have the skill level the call requires at the moment.
/// </summary>
public enum QueueStrategy
{
    /// <summary>
    /// The member whose idle-since (login, end of wrap-up, or its last missed offer) is oldest.
    /// </summary>
    LongestIdle,

    /// <summary>The next member after the last one offered a call, in configuration order.</summary>
    RoundRobin,

    /// <summary>The member that answered the fewest calls of this queue; ties by longest idle.</summary>
    FewestCalls,

    /// <summary>The member with the least talk time in this queue; ties by longest idle.</summary>
    LeastTalkTime,

    /// <summary>Every eligible member rings at once; the first to answer takes the call.</summary>
    RingAll,

    /// <summary>A member drawn at random.</summary>
    Random,

    /// <summary>The first eligible member in configuration order.</summary>
    Linear,

    /// <summary>
    /// The member with the highest level in the call's required skill (or the highest sum of
    /// levels when the call requires none); ties by longest idle.
    /// </summary>
    SkillsBestMatch,
}
