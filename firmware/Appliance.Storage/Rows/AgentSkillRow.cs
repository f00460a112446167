using SQLite;

namespace Appliance.Storage.Rows;

/// <summary>One skill of one agent and its level 1-10 (table <c>AgentSkill</c>).</summary>
[Table("AgentSkill")]
public sealed class AgentSkillRow
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [NotNull, Indexed]
    public string AgentId { get; set; } = "";

    [NotNull]
    public string Skill { get; set; } = "";

    public int Level { get; set; }
}
