namespace Appliance.CallCenter.Agents;

/// <summary>
/// The configuration of one agent: its id (the extension number its phone registers as) and
/// the names of the queues it answers. The order of agents handed to the distributor is the
/// order of <see cref="Queues.QueueStrategy.Linear"/>.
/// </summary>
public sealed record AgentDefinition(string AgentId, IReadOnlyList<string> Queues)
{
    private static readonly Dictionary<string, int> s_noSkills = new(StringComparer.Ordinal);

    /// <summary>
    /// Skill name to level, 1 (novice) to 10 (expert). A skill the agent lacks is level 0: it
    /// never takes a call that requires it.
    /// </summary>
    public IReadOnlyDictionary<string, int> Skills { get; init; } = s_noSkills;

    public int LevelOf(string skill) => Skills.TryGetValue(skill, out var level) ? level : 0;
}
